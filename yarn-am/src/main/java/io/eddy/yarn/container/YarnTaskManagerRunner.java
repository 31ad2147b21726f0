package io.eddy.yarn.container;

import io.eddy.api.config.Configuration;
import io.eddy.runtime.cluster.ClusterEntrypoint;
import io.eddy.runtime.cluster.ClusterOptions;
import io.eddy.runtime.cluster.TaskManagerProcess;
import io.eddy.runtime.rpc.RpcOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;

/**
 * The main class of a TaskManager container: the configuration file of the localized {@code conf/},
 * then the {@code -Dkey=value} arguments of the launch (where the JobManager is, the slots), then what
 * only the container knows: its id becomes the TaskManager's id (the worker id the ResourceManager
 * waits for), its node's host name the address other processes reach it at, and the cluster secret
 * comes from the environment.
 */
public final class YarnTaskManagerRunner {
    private YarnTaskManagerRunner() {}

    public static void main(String[] args) throws Exception {
        ClusterEntrypoint.run("TaskManager", () -> configuration(args), config -> {
            TaskManagerProcess process = new TaskManagerProcess(config);
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
}
