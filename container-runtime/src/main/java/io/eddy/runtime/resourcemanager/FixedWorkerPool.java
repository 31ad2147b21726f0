package io.eddy.runtime.resourcemanager;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.config.Configuration;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Keeps a fixed number of workers alive through a {@link ResourceManagerDriver}: requests
 * {@link #WORKERS} of them at start and one more for each that terminates, so a lost TaskManager is
 * replaced and the jobs that ran on it restart (their restart strategy retries until the replacement
 * has registered). The stand-in until the JobManager asks for workers on demand.
 *
 * <p>Threading: every call into the driver and every event from it runs on {@link #mainThread}, one
 * at a time, as the driver's contract requires; no field needs a lock.
 */
public final class FixedWorkerPool implements ResourceEventHandler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FixedWorkerPool.class);

    public static final ConfigOption<Integer> WORKERS = ConfigOptions.key("resourcemanager.workers")
            .intType()
            .defaultValue(1)
            .withDescription("TaskManagers a JobManager with a resource manager driver (YARN) starts at once and "
                    + "keeps: each one that ends unexpectedly is replaced.");

    private final ResourceManagerDriver driver;
    private final WorkerResourceSpec spec;
    private final int workers;
    private final Consumer<Throwable> fatalErrorHandler;
    private final ExecutorService mainThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "resourcemanager-main");
        t.setDaemon(true);
        return t;
    });

    /** @param fatalErrorHandler told when the driver cannot go on; the cluster should then shut down */
    public FixedWorkerPool(ResourceManagerDriver driver, Configuration config, Consumer<Throwable> fatalErrorHandler) {
        this.driver = driver;
        this.spec = specOf(config);
        this.workers = config.get(WORKERS);
        this.fatalErrorHandler = fatalErrorHandler;
    }

    /** The worker size the configuration asks for: process memory, slots, and one core per slot. */
    public static WorkerResourceSpec specOf(Configuration config) {
        int slots = config.get(TaskManagerOptions.NUM_TASK_SLOTS);
        return new WorkerResourceSpec(config.get(TaskManagerOptions.PROCESS_MEMORY).getBytes(), slots, slots);
    }

    /** Initializes the driver and requests the workers; returns once both happened on the main thread. */
    public void start() throws Exception {
        CompletableFuture.runAsync(() -> {
            try {
                driver.initialize(this, mainThread);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
            for (int i = 0; i < workers; i++) {
                requestWorker();
            }
        }, mainThread).get();
    }

    private void requestWorker() {
        driver.requestWorker(spec).whenComplete((worker, failure) -> {
            if (failure != null) {
                LOG.error("A worker could not be started: {}", failure.getMessage());
                mainThread.execute(() -> fatalErrorHandler.accept(failure));
            } else {
                LOG.info("Worker {} launched", worker);
            }
        });
    }

    @Override
    public void onWorkerTerminated(WorkerId worker, String diagnostics) {
        LOG.warn("Worker {} ended: {}; starting a replacement", worker, diagnostics);
        requestWorker();
    }

    @Override
    public void onError(Throwable cause) {
        LOG.error("The resource manager driver failed", cause);
        fatalErrorHandler.accept(cause);
    }

    /** Unregisters the cluster (on YARN: the application's final status); runs on the main thread. */
    public void deregister(ResourceManagerDriver.ApplicationStatus status, String diagnostics) throws Exception {
        CompletableFuture.runAsync(() -> driver.deregisterApplication(status, diagnostics), mainThread).get();
    }

    @Override
    public void close() {
        try {
            CompletableFuture.runAsync(driver::close, mainThread).get();
        } catch (Exception e) {
            LOG.warn("The resource manager driver did not close cleanly", e);
        }
        mainThread.shutdownNow();
    }
}
