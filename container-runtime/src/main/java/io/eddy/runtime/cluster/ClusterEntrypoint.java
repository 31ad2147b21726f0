package io.eddy.runtime.cluster;

import io.eddy.api.config.Configuration;
import io.eddy.runtime.config.GlobalConfiguration;
import io.eddy.runtime.rpc.RpcOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * What the {@code main} methods of {@link JobManagerProcess} and {@link TaskManagerProcess} share:
 * loading the configuration, reporting a failed start in one line, and running until stopped.
 */
public final class ClusterEntrypoint {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEntrypoint.class);

    /** Name of the secret file in {@code $EDDY_CONF_DIR} used when no secret is configured. */
    static final String DEFAULT_SECRET_FILE = ".cluster-secret";

    private ClusterEntrypoint() {}

    /** Creates and starts a cluster process. */
    public interface Starter {
        AutoCloseable start(Configuration config) throws Exception;
    }

    /**
     * Loads {@code $EDDY_CONF_DIR/eddy-conf.yaml}. Without a configured cluster secret, all
     * processes sharing the configuration directory use (and the first creates) the file
     * {@value #DEFAULT_SECRET_FILE} in it, so a local cluster needs no setup.
     */
    public static Configuration loadConfiguration() {
        Configuration config = GlobalConfiguration.loadFromEnvironment();
        String confDir = System.getenv(GlobalConfiguration.CONF_DIR_ENV);
        if (confDir != null && !confDir.isEmpty() && !config.contains(RpcOptions.CLUSTER_SECRET)
                && !config.contains(RpcOptions.CLUSTER_SECRET_FILE)) {
            config.set(RpcOptions.CLUSTER_SECRET_FILE, Path.of(confDir, DEFAULT_SECRET_FILE).toString());
        }
        return config;
    }

    /**
     * Starts the process and blocks until the JVM shuts down. A failure to start (bad
     * configuration, port in use, unreadable secret) is logged and printed to stderr as one line
     * and exits with status 1: the start scripts show that line.
     */
    static void run(String role, Starter starter) throws InterruptedException {
        run(role, ClusterEntrypoint::loadConfiguration, starter);
    }

    /** {@link #run(String, Starter)} with the configuration from {@code configuration} (called once). */
    public static void run(String role, java.util.function.Supplier<Configuration> configuration, Starter starter)
            throws InterruptedException {
        AutoCloseable process;
        try {
            process = starter.start(configuration.get());
        } catch (Throwable t) {
            String line = role + " failed to start: " + describe(t);
            LOG.error(line);
            LOG.debug("Start failure of the {}", role, t);
            System.err.println("eddy: " + line);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("{} stopping", role);
            try {
                process.close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly: {}", role, describe(e));
            }
            stopped.countDown();
        }, role + "-shutdown"));
        stopped.await();
    }

    /**
     * The first line of the message of {@code t} (or of the first cause that has one), else its
     * class: parser messages run over several lines, a start failure is reported in one.
     */
    public static String describe(Throwable t) {
        Throwable shown = t;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        return shown.getMessage() != null ? shown.getMessage().lines().findFirst().orElse("").strip()
                : shown.getClass().getName();
    }
}
