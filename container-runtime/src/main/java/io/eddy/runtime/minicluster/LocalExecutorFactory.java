package io.eddy.runtime.minicluster;

import io.eddy.api.config.Configuration;
import io.eddy.api.execution.JobClient;
import io.eddy.api.pipeline.PipelineExecutor;
import io.eddy.api.pipeline.PipelineExecutorFactory;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import io.eddy.runtime.translation.JobGraphExecutor;

import java.util.concurrent.CompletableFuture;

/**
 * The {@code local} target: runs each job on an embedded {@link MiniCluster} started for it and
 * sized to it, and shut down when it ends. Tests may instead install one shared cluster that all
 * local jobs of the JVM use ({@link #useSharedCluster}).
 */
public final class LocalExecutorFactory implements PipelineExecutorFactory {
    private static volatile MiniCluster sharedCluster;

    /** Makes local jobs run on {@code cluster} (null to go back to a cluster per job). */
    public static void useSharedCluster(MiniCluster cluster) {
        sharedCluster = cluster;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public PipelineExecutor getExecutor(Configuration config) {
        JobGraphExecutor executor = LocalExecutorFactory::execute;
        return executor;
    }

    private static CompletableFuture<JobClient> execute(JobGraph job, Configuration config, ClassLoader classLoader) {
        MiniCluster shared = sharedCluster;
        if (shared != null) {
            return CompletableFuture.completedFuture(shared.submitJob(job, classLoader));
        }
        Configuration clusterConfig = new Configuration(config);
        if (!clusterConfig.contains(TaskManagerOptions.NUM_TASK_SLOTS)) {
            int taskManagers = clusterConfig.get(MiniClusterOptions.NUM_TASK_MANAGERS);
            int slots = (job.getMaximumParallelism() + taskManagers - 1) / taskManagers;
            clusterConfig.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(1, slots));
        }
        MiniCluster cluster = new MiniCluster(clusterConfig);
        JobClient client;
        try {
            client = cluster.submitJob(job, classLoader);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        client.getJobExecutionResult().whenComplete((r, e) -> cluster.close());
        return CompletableFuture.completedFuture(client);
    }
}
