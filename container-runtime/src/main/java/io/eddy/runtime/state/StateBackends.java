package io.eddy.runtime.state;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;

import java.util.ServiceLoader;
import java.util.TreeSet;

/** Chooses the {@link StateBackend} a configuration names, among the {@link StateBackendFactory}s on the class path. */
public final class StateBackends {
    public static final ConfigOption<String> TYPE = ConfigOptions.key("state.backend.type")
            .stringType()
            .defaultValue(HashMapStateBackend.TYPE)
            .withDescription("Where keyed state lives: 'hashmap' keeps it as objects on the TaskManager's heap."
                    + " Other types come with the module that provides them. Read by each TaskManager from its"
                    + " configuration (the environment's, for the embedded cluster).");

    private StateBackends() {}

    /** The backend of {@code state.backend.type}; an unknown type fails naming the known ones. */
    public static StateBackend fromConfiguration(Configuration config) {
        String type = config.get(TYPE).trim();
        TreeSet<String> known = new TreeSet<>();
        for (StateBackendFactory factory : ServiceLoader.load(StateBackendFactory.class,
                StateBackends.class.getClassLoader())) {
            if (factory.type().equalsIgnoreCase(type)) {
                return factory.create(config);
            }
            known.add(factory.type());
        }
        throw new IllegalConfigurationException("Unknown state backend type '" + type + "' in '" + TYPE.key()
                + "': known types are " + String.join(", ", known)
                + " (a backend of another module needs that module on the class path)");
    }
}
