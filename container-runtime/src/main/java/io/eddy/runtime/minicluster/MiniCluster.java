package io.eddy.runtime.minicluster;

import io.eddy.api.config.Configuration;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobId;
import io.eddy.runtime.checkpoint.CheckpointStatsSnapshot;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobmanager.JobManager;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.runtime.network.PartitionRegistry;
import io.eddy.runtime.resourcemanager.ResourceManager;
import io.eddy.runtime.resourcemanager.StandaloneResourceManagerDriver;
import io.eddy.runtime.taskmanager.TaskManager;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole cluster in one JVM: a JobManager and {@code local.number-taskmanager} TaskManagers with
 * {@code taskmanager.numberOfTaskSlots} slots each, all registered at the start (its
 * ResourceManager's driver starts none). Used for embedded execution (the default target) and for
 * tests. Exchanges between its TaskManagers go through memory.
 *
 * <p>Thread-safe.
 */
public final class MiniCluster implements AutoCloseable {
    private final ResourceManager resourceManager;
    private final JobManager jobManager;
    private final List<TaskManager> taskManagers = new ArrayList<>();

    public MiniCluster(Configuration config) {
        int count = config.get(MiniClusterOptions.NUM_TASK_MANAGERS);
        if (count < 1) {
            throw new IllegalArgumentException(MiniClusterOptions.NUM_TASK_MANAGERS.key() + " must be at least 1");
        }
        resourceManager = new ResourceManager(config, new StandaloneResourceManagerDriver(), cause -> {});
        resourceManager.start();
        jobManager = new JobManager(resourceManager);
        PartitionRegistry registry = new PartitionRegistry();
        for (int i = 0; i < count; i++) {
            TaskManager tm = new TaskManager("taskmanager-" + (i + 1), config, registry);
            taskManagers.add(tm);
            jobManager.registerTaskManager(tm);
        }
    }

    /** Starts the job and returns a handle on it; without enough slots it fails after {@code slot.request.timeout}. */
    public JobClient submitJob(JobGraph job, ClassLoader userClassLoader) {
        return new LocalJobClient(jobManager.submit(job, UserCode.inProcess(userClassLoader)));
    }

    public JobManager getJobManager() {
        return jobManager;
    }

    public List<TaskManager> getTaskManagers() {
        return List.copyOf(taskManagers);
    }

    /** The checkpoint statistics of a job of this cluster (running or ended). */
    public CheckpointStatsSnapshot getCheckpointStats(JobId jobId) {
        JobMaster job = jobManager.getJob(jobId);
        if (job == null) {
            throw new IllegalArgumentException("No job " + jobId + " on this cluster");
        }
        return job.getCheckpointStats();
    }

    @Override
    public void close() {
        jobManager.close();
        taskManagers.forEach(TaskManager::close);
        resourceManager.close();
    }
}
