package io.eddy.runtime.remote;

import io.eddy.api.config.Configuration;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line needs of a deployment target besides submitting a program's jobs (which a
 * {@link io.eddy.api.pipeline.PipelineExecutorFactory} does): the REST address of the running cluster
 * the configuration names ({@code eddy list|info|cancel|savepoint|stop -t <target>}), and, for a target
 * that runs programs inside the cluster (application mode), starting such a cluster. Implementations
 * are found with {@link java.util.ServiceLoader} by {@link #isFor target name}; each call is independent.
 */
public interface ClusterClientFactory {
    /** Whether this factory serves {@code execution.target} {@code target}. */
    boolean isFor(String target);

    /**
     * The {@code host:port} of the REST API of the running cluster that {@code config} names.
     *
     * @throws Exception with a one-line message naming what is missing and how to name the cluster
     */
    String restAddress(Configuration config) throws Exception;

    /** Whether {@code target} runs the program's main method inside the cluster ({@link #deployApplication}). */
    default boolean runsPrograms(String target) {
        return false;
    }

    /**
     * Starts a cluster that runs {@code mainClass} (null: the jar's Main-Class) of {@code jar} with
     * {@code args}, and returns once the program submitted its job there.
     */
    default DeployedApplication deployApplication(Configuration config, Path jar, String mainClass, List<String> args)
            throws Exception {
        throw new UnsupportedOperationException("This target runs programs on the client");
    }

    /** A cluster running a program: its platform id, REST {@code host:port}, and the program's job. */
    record DeployedApplication(String applicationId, String restAddress, String jobId) {}
}
