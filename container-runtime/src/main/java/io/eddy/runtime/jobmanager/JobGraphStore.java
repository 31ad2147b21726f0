package io.eddy.runtime.jobmanager;

import io.eddy.api.execution.JobId;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.jobgraph.JobGraph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a {@link JobManager} keeps the jobs it accepted, from their submission until they end, so that
 * the next JobManager of the same cluster recovers them when this one dies (on YARN: the next attempt
 * of the ApplicationMaster). A job's state is not kept here: a recovered job restarts from the latest
 * completed checkpoint in its checkpoint directory, whose metadata file is the pointer (written last,
 * so a checkpoint that is listed is whole).
 *
 * <p>A job stays stored while its JobManager is closed without ending the cluster (the platform may
 * start the cluster again); it is removed when it ends (finished, failed, cancelled). Implementations
 * are thread-safe: jobs are put on the submitting thread and removed on the thread that ends them.
 */
public interface JobGraphStore {
    /** Keeps nothing: a JobManager that dies loses its jobs (local and standalone clusters). */
    JobGraphStore NONE = new JobGraphStore() {
        @Override
        public void put(JobGraph job, UserCode userCode) {}

        @Override
        public void remove(JobId jobId) {}

        @Override
        public List<StoredJob> recover(Path jarDirectory) {
            return List.of();
        }
    };

    /** A job and its user code, read back by a new JobManager. */
    record StoredJob(JobGraph job, UserCode userCode) {}

    /** Keeps {@code job} before it starts; its classes come from {@code userCode}'s jar. */
    void put(JobGraph job, UserCode userCode) throws IOException;

    /** Forgets a job that ended; nothing happens if it is not stored. */
    void remove(JobId jobId) throws IOException;

    /** The stored jobs, their jars written into {@code jarDirectory} (where TaskManagers fetch them from). */
    List<StoredJob> recover(Path jarDirectory) throws IOException;
}
