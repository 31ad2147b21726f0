package io.eddy.runtime.jobmanager;

import io.eddy.api.execution.CheckpointConfig;
import io.eddy.api.execution.JobId;
import io.eddy.runtime.checkpoint.CheckpointStorages;
import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.runtime.jobmaster.JobMetrics;
import io.eddy.runtime.metrics.ScopedMetricGroup;
import io.eddy.runtime.resourcemanager.ResourceManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * <p>Every accepted job is kept in a {@link JobGraphStore} until it ends, so that the next JobManager of
 * the cluster {@linkplain #recover recovers} it from its latest completed checkpoint if this one dies.
 *
 * <p>Thread-safe: the jobs are in a concurrent map; each JobMaster runs on its own main thread, the
 * ResourceManager on its own. The file system work of all jobs (checkpoint metadata, retention,
 * restores) shares one io pool owned here.
 */
public final class JobManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final ResourceManager resourceManager;
    private final ConcurrentHashMap<JobId, JobMaster> jobs = new ConcurrentHashMap<>();
    private final Executor io;
    private final ScopedMetricGroup metricGroup;
    private final JobGraphStore jobGraphStore;
    /** Set by {@link #close()}: the jobs it cancels stay in the store for the next JobManager. */
    private volatile boolean closing;

    /** @param metricGroup the JobManager's metric group; each job gets one in it while it runs */
    public JobManager(ResourceManager resourceManager, ScopedMetricGroup metricGroup) {
        this(resourceManager, metricGroup, JobGraphStore.NONE);
    }

    /** @param jobGraphStore keeps the jobs from their submission until they end */
    public JobManager(ResourceManager resourceManager, ScopedMetricGroup metricGroup, JobGraphStore jobGraphStore) {
        this.resourceManager = resourceManager;
        this.metricGroup = metricGroup;
        this.jobGraphStore = jobGraphStore;
        AtomicInteger threads = new AtomicInteger();
        this.io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jobmanager-io-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public ScopedMetricGroup getMetricGroup() {
        return metricGroup;
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
        if (jobs.containsKey(job.getJobId())) {
            throw new IllegalArgumentException("Job " + job.getJobId() + " was submitted already");
        }
        try {
            jobGraphStore.put(job, userCode);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep job '" + job.getName() + "' (" + job.getJobId()
                    + ") for recovery: " + e.getMessage(), e);
        }
        return start(job, userCode);
    }

    /**
     * Runs a job that a previous JobManager of this cluster accepted (read from the {@link JobGraphStore}):
     * from the newest completed checkpoint in its checkpoint directory, else as it was submitted (from its
     * savepoint, if it named one).
     */
    public JobMaster recover(JobGraph job, UserCode userCode) throws IOException {
        CheckpointConfig checkpoints = job.getExecutionConfig().getCheckpointConfig();
        if (checkpoints.getCheckpointDirectory() != null) {
            List<String> completed = CheckpointStorages.forDirectory(checkpoints.getCheckpointDirectory(),
                    userCode.classLoader()).listCompleted(job.getJobId().toHexString());
            if (!completed.isEmpty()) {
                checkpoints.setSavepointRestorePath(completed.get(0)); // newest first
            }
        }
        return start(job, userCode);
    }

    private JobMaster start(JobGraph job, UserCode userCode) {
        JobMaster master = new JobMaster(job, userCode, resourceManager, io);
        if (jobs.putIfAbsent(job.getJobId(), master) != null) {
            throw new IllegalArgumentException("Job " + job.getJobId() + " was submitted already");
        }
        JobMetrics.register(metricGroup.job(job.getJobId().toHexString(), job.getName()), master);
        master.getResultFuture().whenCompleteAsync((result, failure) -> {
            if (!closing) {
                try {
                    jobGraphStore.remove(job.getJobId());
                } catch (IOException e) {
                    LOG.warn("Job {} ended but stays in the job graph store: {}", job.getJobId(), e.getMessage());
                }
            }
        }, io);
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
        closing = true;
        jobs.values().forEach(JobMaster::cancel);
    }
}
