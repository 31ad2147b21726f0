package io.eddy.runtime.resourcemanager;

import java.util.Collection;

/**
 * What a {@link ResourceManagerDriver} reports to the ResourceManager; called only through the main
 * thread executor that the driver was initialized with.
 */
public interface ResourceEventHandler {

    /**
     * A worker's process ended (container completed, lost node, killed) without being released: its
     * slots are gone and jobs running there fail over; {@code diagnostics} says why, for the log and
     * the job's exception.
     */
    void onWorkerTerminated(WorkerId worker, String diagnostics);

    /**
     * Workers a previous JobManager of this cluster started that still run (YARN: containers kept
     * across ApplicationMaster attempts); their TaskManagers are expected to register again. They are
     * the driver's as if it had just launched them, and are released once
     * {@code resourcemanager.previous-worker.recovery-timeout} passed without their registration.
     */
    void onPreviousWorkersRecovered(Collection<WorkerId> workers);

    /** The driver cannot go on (e.g. the platform's ResourceManager is gone): the cluster shuts down. */
    void onError(Throwable cause);
}
