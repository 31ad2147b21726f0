package io.eddy.runtime.resourcemanager;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The platform seam of the {@code ResourceManager}: how TaskManager processes (workers) are
 * obtained and given back. Standalone clusters request nothing (TaskManagers start on their own and
 * register); YARN asks its ResourceManager for containers and launches a TaskManager in each.
 *
 * <p>Threading: the ResourceManager calls every method of a driver from its own main thread, one call
 * at a time. A driver calls the {@link ResourceEventHandler} given to {@link #initialize} only through
 * the {@code mainThread} executor given with it, so the ResourceManager never sees two events at once
 * and needs no locks; a driver's own callbacks (YARN's, for instance) run on other threads and hop over.
 *
 * <p>Matching: a worker started by a driver registers with the JobManager like any TaskManager, with
 * its {@link WorkerId} as its TaskManager id ({@code taskmanager.resource-id}); that is how the
 * ResourceManager pairs a registration with the request it fulfils.
 */
public interface ResourceManagerDriver extends AutoCloseable {

    /** Called once, before any other method. */
    void initialize(ResourceEventHandler handler, Executor mainThread) throws Exception;

    /**
     * Starts one worker of the given profile. The future completes when the worker's process has
     * been launched (not when it registers), or exceptionally when it cannot be started; a driver that
     * starts nothing (standalone) returns a future that never completes and is cancelled by the caller.
     */
    CompletableFuture<WorkerId> requestWorker(WorkerResourceSpec spec);

    /** Stops a worker that is idle or no longer needed; no event follows for it. */
    void releaseWorker(WorkerId worker);

    /**
     * The cluster ends: for YARN, unregister the application with this final status and diagnostics.
     * Called once, after which only {@link #close()} follows.
     */
    void deregisterApplication(ApplicationStatus status, String diagnostics);

    /** Releases the driver's own resources (clients, threads); started workers are not touched. */
    @Override
    void close();

    /** The final status of a cluster that ends. */
    enum ApplicationStatus { SUCCEEDED, FAILED, KILLED, UNKNOWN }
}
