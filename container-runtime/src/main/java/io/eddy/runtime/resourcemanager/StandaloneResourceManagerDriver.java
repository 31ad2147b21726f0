package io.eddy.runtime.resourcemanager;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The driver of clusters whose TaskManagers start on their own (standalone processes, the embedded
 * MiniCluster): it starts and stops nothing, so a job that needs more slots waits until enough
 * TaskManagers register, or its slot request times out.
 */
public final class StandaloneResourceManagerDriver implements ResourceManagerDriver {
    @Override
    public void initialize(ResourceEventHandler handler, Executor mainThread) {}

    /** Never completes: the TaskManagers a job waits for come (or not) on their own. */
    @Override
    public CompletableFuture<WorkerId> requestWorker(WorkerResourceSpec spec) {
        return new CompletableFuture<>();
    }

    @Override
    public void releaseWorker(WorkerId worker) {
        throw new IllegalStateException("A standalone cluster started no worker, so it has none to release: " + worker);
    }

    @Override
    public void deregisterApplication(ApplicationStatus status, String diagnostics) {}

    @Override
    public void close() {}
}
