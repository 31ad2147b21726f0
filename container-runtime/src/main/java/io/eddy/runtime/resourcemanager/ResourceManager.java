package io.eddy.runtime.resourcemanager;

import io.eddy.api.config.Configuration;
import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.resourcemanager.ResourceManagerDriver.ApplicationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Owns the cluster's task slots: TaskManagers register theirs here, jobs request them as futures and
 * give them back when they end, and a {@link ResourceManagerDriver} starts workers (TaskManager
 * processes) when the registered ones do not have enough.
 *
 * <p>Requests: a request asks for a number of slots at once (a streaming job is deployed whole) and
 * is served first come, first served, as soon as that many are free; a later request never overtakes
 * an earlier one, so a large job is not starved by small ones. A request still open after
 * {@code slot.request.timeout} fails with a {@link NotEnoughSlotsException} that names what was asked,
 * what the cluster has and what to do.
 *
 * <p>Workers: while the open requests need more slots than are free or on their way (workers
 * requested from the driver or launched but not registered yet), the driver is asked for more workers
 * of {@link WorkerResourceSpec#fromConfiguration}; requests it no longer needs are cancelled. A worker
 * registers as a TaskManager under its {@link WorkerId}. When the driver reports a worker terminated,
 * or a TaskManager is lost, its slots go and every owner of one of them is told ({@link SlotOwner}).
 * A worker the driver started that has no slot in use for {@code resourcemanager.taskmanager-timeout}
 * is released; TaskManagers that registered on their own are never released.
 * Workers a previous JobManager of the cluster started that still run, reported by the driver at its
 * start, count as launched until their TaskManagers register again, or are released after
 * {@code resourcemanager.previous-worker.recovery-timeout}.
 *
 * <p>Threading: every field below is owned by the main thread ({@code resourcemanager-main}), which
 * also runs the timers and every call into the driver; the driver's events come through it too (see
 * {@link ResourceManagerDriver}). Public methods may be called from any thread: they post to the main
 * thread and answer with futures, which complete on the main thread (callers hop to their own thread).
 * Readers that need an answer at once ({@link #getFreeSlots}, {@link #getTaskManagers}) read a view
 * that the main thread publishes after each change.
 */
public final class ResourceManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceManager.class);

    /** A registered TaskManager and who holds each of its slots (null: free). */
    private static final class Worker {
        final TaskExecutorGateway gateway;
        final Slot[] slots;
        final SlotOwner[] owners;
        ScheduledFuture<?> idleRelease;

        Worker(TaskExecutorGateway gateway) {
            this.gateway = gateway;
            this.slots = new Slot[gateway.getNumberOfSlots()];
            this.owners = new SlotOwner[slots.length];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new Slot(gateway, i);
            }
        }

        boolean idle() {
            for (SlotOwner owner : owners) {
                if (owner != null) {
                    return false;
                }
            }
            return true;
        }
    }

    /** An open request; {@code what} and {@code hint} frame the message of its timeout. */
    private static final class Request {
        final int count;
        final SlotOwner owner;
        final String what;
        final String hint;
        final CompletableFuture<List<Slot>> result;
        ScheduledFuture<?> timeout;

        Request(int count, SlotOwner owner, String what, String hint, CompletableFuture<List<Slot>> result) {
            this.count = count;
            this.owner = owner;
            this.what = what;
            this.hint = hint;
            this.result = result;
        }
    }

    /** What readers outside the main thread see: replaced, never changed, after each change. */
    private record View(int freeSlots, List<TaskExecutorGateway> taskManagers) {}

    private final ResourceManagerDriver driver;
    private final Consumer<Throwable> onFatalError;
    private final WorkerResourceSpec workerSpec;
    private final Duration slotRequestTimeout;
    private final Duration idleTimeout;
    private final Duration previousWorkerRecoveryTimeout;
    private final ScheduledExecutorService mainThread;
    /** Registered TaskManagers by id, in registration order. */
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private final ArrayDeque<Request> requests = new ArrayDeque<>();
    /** Worker requests the driver has not answered yet. */
    private final List<CompletableFuture<WorkerId>> requestedWorkers = new ArrayList<>();
    /** Workers the driver launched that have not registered yet. */
    private final Set<WorkerId> launchedWorkers = new HashSet<>();
    /** Every worker the driver started and did not release or lose: only these are released when idle. */
    private final Set<WorkerId> driverWorkers = new HashSet<>();
    /** Why the driver's last worker request failed, for the message of a request that times out; or null. */
    private String lastWorkerFailure;
    private boolean closed;
    private volatile View view = new View(0, List.of());

    /**
     * Starts the main thread; {@link #start} initializes the driver.
     *
     * @param onFatalError told (on the main thread) when the driver reports an error it cannot recover
     *     from ({@link ResourceEventHandler#onError}): the cluster should end
     */
    public ResourceManager(Configuration config, ResourceManagerDriver driver, Consumer<Throwable> onFatalError) {
        this.driver = driver;
        this.onFatalError = onFatalError;
        this.workerSpec = WorkerResourceSpec.fromConfiguration(config);
        this.slotRequestTimeout = config.get(ResourceManagerOptions.SLOT_REQUEST_TIMEOUT);
        this.idleTimeout = config.get(ResourceManagerOptions.TASKMANAGER_TIMEOUT);
        this.previousWorkerRecoveryTimeout = config.get(ResourceManagerOptions.PREVIOUS_WORKER_RECOVERY_TIMEOUT);
        this.mainThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "resourcemanager-main");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Initializes the driver on the main thread and returns once it is. A JobManager process calls this
     * once its RPC and REST servers listen, so a driver may announce their addresses (YARN's
     * ApplicationMaster registration).
     */
    public void start() {
        ResourceEventHandler handler = new ResourceEventHandler() {
            @Override
            public void onWorkerTerminated(WorkerId worker, String diagnostics) {
                workerTerminated(worker, diagnostics);
            }

            @Override
            public void onPreviousWorkersRecovered(Collection<WorkerId> recovered) {
                previousWorkersRecovered(recovered);
            }

            @Override
            public void onError(Throwable cause) {
                LOG.error("The ResourceManager driver failed; no workers can be started any more", cause);
                lastWorkerFailure = "the driver failed: " + cause.getMessage();
                onFatalError.accept(cause);
            }
        };
        try {
            mainThread.submit(() -> {
                driver.initialize(handler, mainThread);
                return null;
            }).get();
        } catch (Exception e) {
            mainThread.shutdownNow();
            throw new IllegalStateException("The ResourceManager driver " + driver.getClass().getSimpleName()
                    + " cannot start: " + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    /**
     * Asks for {@code count} slots, which {@code owner} holds until it releases them; the future
     * completes (on the main thread) once that many are free, or fails after {@code slot.request.timeout}
     * with a message that starts with {@code what} and ends with {@code hint}. Cancelling the future
     * withdraws the request.
     */
    public CompletableFuture<List<Slot>> requestSlots(int count, SlotOwner owner, String what, String hint) {
        CompletableFuture<List<Slot>> result = new CompletableFuture<>();
        runOnMainThread(() -> {
            Request request = new Request(count, owner, what, hint, result);
            requests.add(request);
            request.timeout = mainThread.schedule(() -> timeOut(request), slotRequestTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            result.whenComplete((slots, failure) -> {
                if (result.isCancelled()) {
                    runOnMainThread(() -> withdraw(request), null);
                }
            });
            serveRequests();
        }, result);
        return result;
    }

    /** Gives slots back; completes once they are free again (or gone with their TaskManager). */
    public CompletableFuture<Void> releaseSlots(List<Slot> slots) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        runOnMainThread(() -> {
            for (Slot slot : slots) {
                Worker worker = workers.get(slot.taskManager().getId());
                if (worker != null && worker.gateway == slot.taskManager()) {
                    worker.owners[slot.index()] = null;
                }
            }
            serveRequests();
            done.complete(null);
        }, done);
        return done;
    }

    /** A TaskManager offers its slots; one of a worker the driver launched completes that launch. */
    public void registerTaskManager(TaskExecutorGateway taskManager) {
        runOnMainThread(() -> {
            Worker previous = workers.put(taskManager.getId(), new Worker(taskManager));
            if (previous != null) {
                lose(previous, "it registered again");
            }
            launchedWorkers.remove(new WorkerId(taskManager.getId()));
            serveRequests();
        }, null);
    }

    /** A TaskManager is gone (lost, or shut down): its slots go, and their owners are told. */
    public void unregisterTaskManager(TaskExecutorGateway taskManager, String reason) {
        runOnMainThread(() -> {
            Worker worker = workers.get(taskManager.getId());
            if (worker != null && worker.gateway == taskManager) {
                workers.remove(taskManager.getId());
                lose(worker, reason);
                serveRequests();
            }
        }, null);
    }

    /** The cluster ends: the driver deregisters the application (YARN) with this status and diagnostics. */
    public CompletableFuture<Void> deregisterApplication(ApplicationStatus status, String diagnostics) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        runOnMainThread(() -> {
            LOG.info("Deregistering the application: {} ({})", status, diagnostics);
            driver.deregisterApplication(status, diagnostics);
            done.complete(null);
        }, done);
        return done;
    }

    /** Free slots now (a published view). */
    public int getFreeSlots() {
        return view.freeSlots();
    }

    /** The registered TaskManagers now (a published view). */
    public List<TaskExecutorGateway> getTaskManagers() {
        return view.taskManagers();
    }

    /** Fails the open requests, closes the driver and stops the main thread; started workers stay. */
    @Override
    public void close() {
        try {
            mainThread.submit(() -> {
                closed = true;
                for (Request r : requests) {
                    r.timeout.cancel(false);
                    r.result.completeExceptionally(new IllegalStateException(r.what + ": the cluster shuts down"));
                }
                requests.clear();
                requestedWorkers.forEach(f -> f.cancel(false));
                driver.close();
            }).get();
        } catch (Exception e) {
            LOG.warn("The ResourceManager did not close cleanly", e);
        } finally {
            mainThread.shutdownNow();
        }
    }

    // ---- main thread ----

    /** Runs {@code action} on the main thread; {@code failOnRejection}, if any, fails when it cannot. */
    private void runOnMainThread(Runnable action, CompletableFuture<?> failOnRejection) {
        try {
            mainThread.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("ResourceManager action failed", e);
                    if (failOnRejection != null) {
                        failOnRejection.completeExceptionally(e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            if (failOnRejection != null) {
                failOnRejection.completeExceptionally(new IllegalStateException("The ResourceManager is shut down"));
            }
        }
    }

    /** Serves open requests in order while slots suffice, asks for workers for the rest, releases idle ones. */
    private void serveRequests() {
        if (closed) {
            return;
        }
        List<Slot> free = freeSlots();
        while (!requests.isEmpty() && requests.peek().count <= free.size()) {
            Request r = requests.poll();
            r.timeout.cancel(false);
            List<Slot> granted = new ArrayList<>(free.subList(0, r.count));
            free.subList(0, r.count).clear();
            for (Slot slot : granted) {
                workers.get(slot.taskManager().getId()).owners[slot.index()] = r.owner;
            }
            if (!r.result.complete(granted)) {
                granted.forEach(slot -> workers.get(slot.taskManager().getId()).owners[slot.index()] = null);
                free.addAll(granted); // cancelled meanwhile
            }
        }
        requestWorkers(free.size());
        scheduleIdleReleases();
        publish();
    }

    /**
     * Free slots interleaved over the TaskManagers (tm1/0, tm2/0, tm1/1, tm2/1, …), so that the slots
     * of one request spread over the cluster.
     */
    private List<Slot> freeSlots() {
        List<Slot> free = new ArrayList<>();
        int maxSlots = workers.values().stream().mapToInt(w -> w.slots.length).max().orElse(0);
        for (int i = 0; i < maxSlots; i++) {
            for (Worker w : workers.values()) {
                if (i < w.slots.length && w.owners[i] == null) {
                    free.add(w.slots[i]);
                }
            }
        }
        return free;
    }

    /** Asks the driver for the workers the open requests still miss; cancels requests no longer needed. */
    private void requestWorkers(int freeSlots) {
        int needed = requests.stream().mapToInt(r -> r.count).sum() - freeSlots;
        int coming = (requestedWorkers.size() + launchedWorkers.size()) * workerSpec.slots();
        while (needed > coming) {
            CompletableFuture<WorkerId> worker = driver.requestWorker(workerSpec);
            requestedWorkers.add(worker);
            coming += workerSpec.slots();
            worker.whenComplete((id, failure) -> runOnMainThread(() -> workerStarted(worker, id, failure), null));
        }
        while (requestedWorkers.size() > 0 && needed <= coming - workerSpec.slots()) {
            requestedWorkers.remove(requestedWorkers.size() - 1).cancel(false);
            coming -= workerSpec.slots();
        }
    }

    private void workerStarted(CompletableFuture<WorkerId> request, WorkerId worker, Throwable failure) {
        if (!requestedWorkers.remove(request) || closed) {
            return; // cancelled
        }
        if (failure != null) {
            lastWorkerFailure = failure.getMessage();
            LOG.warn("The ResourceManager driver could not start a worker: {}", failure.toString());
            return; // asked again when a request or a registration comes
        }
        LOG.info("Worker {} started; waiting for its TaskManager to register", worker);
        driverWorkers.add(worker);
        if (!workers.containsKey(worker.value())) {
            launchedWorkers.add(worker);
        }
    }

    /**
     * Counts the recovered workers as launched (so no new worker is asked for the slots they bring) until
     * they register; releases those still silent after the recovery timeout, which makes room for new ones.
     */
    private void previousWorkersRecovered(Collection<WorkerId> recovered) {
        LOG.info("{} worker(s) of the previous JobManager still run; waiting up to {} ms for them to register: {}",
                recovered.size(), previousWorkerRecoveryTimeout.toMillis(), recovered);
        for (WorkerId worker : recovered) {
            driverWorkers.add(worker);
            if (!workers.containsKey(worker.value())) {
                launchedWorkers.add(worker);
            }
        }
        mainThread.schedule(() -> {
            for (WorkerId worker : recovered) {
                if (!closed && launchedWorkers.remove(worker)) {
                    LOG.warn("Worker {} of the previous JobManager did not register within {} ms: released", worker,
                            previousWorkerRecoveryTimeout.toMillis());
                    driverWorkers.remove(worker);
                    driver.releaseWorker(worker);
                }
            }
            serveRequests();
        }, previousWorkerRecoveryTimeout.toMillis(), TimeUnit.MILLISECONDS);
        serveRequests();
    }

    private void workerTerminated(WorkerId id, String diagnostics) {
        driverWorkers.remove(id);
        launchedWorkers.remove(id);
        Worker worker = workers.remove(id.value());
        LOG.warn("Worker {} terminated: {}", id, diagnostics);
        if (worker != null) {
            lose(worker, "its worker terminated: " + diagnostics);
        }
        serveRequests(); // asks for a replacement if a job waits for slots
    }

    /** Tells every owner of a slot of the (already removed) worker that it is gone. */
    private void lose(Worker worker, String reason) {
        if (worker.idleRelease != null) {
            worker.idleRelease.cancel(false);
        }
        Set<SlotOwner> told = new HashSet<>();
        for (SlotOwner owner : worker.owners) {
            if (owner != null && told.add(owner)) {
                owner.taskManagerLost(worker.gateway, reason);
            }
        }
        LOG.info("TaskManager {} and its {} slots are gone: {}", worker.gateway.getId(), worker.slots.length, reason);
    }

    private void timeOut(Request request) {
        if (!requests.remove(request)) {
            return;
        }
        int total = workers.values().stream().mapToInt(w -> w.slots.length).sum();
        String driverNote = lastWorkerFailure == null ? "" : "; starting a worker failed: " + lastWorkerFailure;
        request.result.completeExceptionally(new NotEnoughSlotsException(request.what + ": the cluster has "
                + freeSlots().size() + " free of " + total + " (" + workers.size() + " TaskManager(s)) after waiting "
                + slotRequestTimeout.toMillis() + " ms ('" + ResourceManagerOptions.SLOT_REQUEST_TIMEOUT.key()
                + "')" + driverNote + ". " + request.hint));
        serveRequests(); // a smaller request behind it may fit now; surplus worker requests go
    }

    private void withdraw(Request request) {
        if (requests.remove(request)) {
            request.timeout.cancel(false);
            serveRequests();
        }
    }

    /** Schedules the release of each idle worker that the driver started; cancels it for busy ones. */
    private void scheduleIdleReleases() {
        for (Worker w : workers.values()) {
            boolean releasable = w.idle() && driverWorkers.contains(new WorkerId(w.gateway.getId()));
            if (releasable && w.idleRelease == null) {
                w.idleRelease = mainThread.schedule(() -> releaseIdle(w), idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } else if (!releasable && w.idleRelease != null) {
                w.idleRelease.cancel(false);
                w.idleRelease = null;
            }
        }
    }

    private void releaseIdle(Worker worker) {
        worker.idleRelease = null;
        if (closed || workers.get(worker.gateway.getId()) != worker || !worker.idle()) {
            return;
        }
        WorkerId id = new WorkerId(worker.gateway.getId());
        LOG.info("Releasing worker {}: no slot of it was used for {} ms", id, idleTimeout.toMillis());
        workers.remove(id.value());
        driverWorkers.remove(id);
        driver.releaseWorker(id);
        publish();
    }

    private void publish() {
        List<TaskExecutorGateway> taskManagers = new ArrayList<>();
        workers.values().forEach(w -> taskManagers.add(w.gateway));
        view = new View(freeSlots().size(), List.copyOf(taskManagers));
    }
}
