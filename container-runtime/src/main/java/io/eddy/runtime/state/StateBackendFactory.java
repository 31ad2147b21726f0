package io.eddy.runtime.state;

import io.eddy.api.config.Configuration;

/**
 * Makes the {@link StateBackend} of one {@code state.backend.type}. Found with {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/io.eddy.runtime.state.StateBackendFactory}), so a backend in
 * another module (a disk-based one in hdfs-state) is chosen by putting that module on the class path.
 */
public interface StateBackendFactory {
    /** The value of {@code state.backend.type} that selects this backend, e.g. {@code hashmap}. */
    String type();

    /** The backend, configured from the TaskManager's configuration. */
    StateBackend create(Configuration config);
}
