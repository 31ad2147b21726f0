package io.eddy.yarn.container;

import io.eddy.api.config.Configuration;
import io.eddy.runtime.cluster.ClusterEntrypoint;
import io.eddy.runtime.cluster.ClusterOptions;
import io.eddy.runtime.cluster.TaskManagerProcess;
import io.eddy.runtime.cluster.TaskManagerProcess.JobManagerLocator;
import io.eddy.runtime.rpc.RpcOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import io.eddy.yarn.highavailability.JobManagerAddressFile;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The main class of a TaskManager container: the configuration file of the localized {@code conf/},
 * then the {@code -Dkey=value} arguments of the launch (where the JobManager is, the slots), then what
 * only the container knows: its id becomes the TaskManager's id (the worker id the ResourceManager
 * waits for), its node's host name the address other processes reach it at, and the cluster secret
 * comes from the environment. Before each registration it looks up the JobManager of the application's
 * running attempt in the {@link JobManagerAddressFile}, since the container may outlive the attempt
 * that started it.
 */
public final class YarnTaskManagerRunner {
    private static final Logger LOG = LoggerFactory.getLogger(YarnTaskManagerRunner.class);

    private YarnTaskManagerRunner() {}

    public static void main(String[] args) throws Exception {
        ClusterEntrypoint.run("TaskManager", () -> configuration(args), config -> {
            TaskManagerProcess process = new TaskManagerProcess(config, jobManagerLocator(config));
            process.start();
            return process;
        });
    }

    private static Configuration configuration(String[] args) {
        Configuration config = DynamicProperties.apply(ClusterEntrypoint.loadConfiguration(), args);
        config.set(TaskManagerOptions.RESOURCE_ID, System.getenv(Environment.CONTAINER_ID.name()));
        config.set(ClusterOptions.TASKMANAGER_HOST, System.getenv(Environment.NM_HOST.name()));
        config.set(RpcOptions.CLUSTER_SECRET, System.getenv(ContainerEnvironment.CLUSTER_SECRET));
        return config;
    }

    /** The address file's JobManager; the one of the launch while the file cannot be read. */
    private static JobManagerLocator jobManagerLocator(Configuration config) throws IOException {
        JobManagerLocator launchedWith = JobManagerLocator.configured(config);
        String file = System.getenv(ContainerEnvironment.JOBMANAGER_ADDRESS_FILE);
        if (file == null) {
            return launchedWith;
        }
        Path path = new Path(file);
        JobManagerAddressFile addressFile = new JobManagerAddressFile(
                path.getFileSystem(new org.apache.hadoop.conf.Configuration()), path);
        return () -> {
            try {
                InetSocketAddress current = addressFile.read();
                return current != null ? current : launchedWith.jobManager();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot read the JobManager's address from {}: {}", path, e.toString());
                return launchedWith.jobManager();
            }
        };
    }
}
