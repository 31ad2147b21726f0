package io.eddy.runtime.jobmanager;

import io.eddy.api.execution.JobId;
import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.runtime.resourcemanager.ResourceManager;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts jobs and gives each a {@link JobMaster}, which gets its slots from the cluster's
 * {@link ResourceManager}: a job submitted before enough TaskManagers registered waits for them (up
 * to {@code slot.request.timeout}) instead of failing. TaskManagers register here and are handed to
 * the ResourceManager.
 *
 * <p>Thread-safe: the jobs are in a concurrent map; each JobMaster runs on its own main thread, the
 * ResourceManager on its own. The file system work of all jobs (checkpoint metadata, retention,
 * restores) shares one io pool owned here.
 */
public final class JobManager implements AutoCloseable {
    private final ResourceManager resourceManager;
    private final ConcurrentHashMap<JobId, JobMaster> jobs = new ConcurrentHashMap<>();
    private final Executor io;

    public JobManager(ResourceManager resourceManager) {
        this.resourceManager = resourceManager;
        AtomicInteger threads = new AtomicInteger();
        this.io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jobmanager-io-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public void registerTaskManager(TaskExecutorGateway taskManager) {
        resourceManager.registerTaskManager(taskManager);
    }

    /** Forgets a TaskManager (lost or shut down): its slots go, and the jobs using it fail over. */
    public void unregisterTaskManager(TaskExecutorGateway taskManager, String reason) {
        resourceManager.unregisterTaskManager(taskManager, reason);
    }

    /** Starts the job; it waits for its slots (see the class comment), its result tells how it ended. */
    public JobMaster submit(JobGraph job, UserCode userCode) {
        JobMaster master = new JobMaster(job, userCode, resourceManager, io);
        if (jobs.putIfAbsent(job.getJobId(), master) != null) {
            throw new IllegalArgumentException("Job " + job.getJobId() + " was submitted already");
        }
        master.start();
        return master;
    }

    public JobMaster getJob(JobId jobId) {
        return jobs.get(jobId);
    }

    public Collection<JobMaster> getJobs() {
        return jobs.values();
    }

    public ResourceManager getResourceManager() {
        return resourceManager;
    }

    public int getFreeSlots() {
        return resourceManager.getFreeSlots();
    }

    public List<TaskExecutorGateway> getTaskManagers() {
        return resourceManager.getTaskManagers();
    }

    /**
     * Cancels the running jobs; the ResourceManager is its owner's to close. The io pool stays usable
     * for the cancellations' clean-up; its daemon threads end once idle.
     */
    @Override
    public void close() {
        jobs.values().forEach(JobMaster::cancel);
    }
}
