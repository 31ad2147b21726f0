package io.eddy.api.state;

import io.eddy.api.types.TypeInfo;

import java.io.Serializable;
import java.util.Objects;

/**
 * Names a piece of state, its kind and the type it stores; the name identifies it within the
 * operator, also in savepoints.
 *
 * @param <S> the kind of state described
 * @param <T> the type stored per key: the value, the list of elements, the map or the accumulator
 */
public abstract class StateDescriptor<S extends State, T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final TypeInfo<T> type;
    private StateTtlConfig ttlConfig;

    protected StateDescriptor(String name, TypeInfo<T> type) {
        this.name = Objects.requireNonNull(name, "state name");
        this.type = Objects.requireNonNull(type, "state type");
    }

    public String getName() {
        return name;
    }

    public TypeInfo<T> getType() {
        return type;
    }

    /** Lets the state's values expire {@link StateTtlConfigthere too, since container-runtime's tests cannot depend on test-utils.ttl()} after they were last written (or read). */
    public void enableTimeToLive(StateTtlConfig config) {
        this.ttlConfig = Objects.requireNonNull(config, "ttl config");
    }

    /** The time-to-live configuration, or null when values never expire. */
    public StateTtlConfig getTtlConfig() {
        return ttlConfig;
    }
}
