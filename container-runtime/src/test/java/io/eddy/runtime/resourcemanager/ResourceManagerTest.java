package io.eddy.runtime.resourcemanager;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.network.PartitionRegistry;
import io.eddy.runtime.taskmanager.TaskManager;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ResourceManager with real (in-process) TaskManagers and a driver that records what it is asked. */
class ResourceManagerTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final RecordingDriver driver = new RecordingDriver();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private ResourceManager resourceManager(Configuration config) {
        ResourceManager rm = new ResourceManager(config, driver, cause -> {});
        rm.start();
        toClose.add(rm);
        return rm;
    }

    private TaskExecutorGateway taskManager(String id, int slots) {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        TaskManager tm = new TaskManager(id, config, new PartitionRegistry());
        toClose.add(tm);
        return tm;
    }

    /** Returns once the main thread processed everything posted before. */
    private static void sync(ResourceManager rm) throws Exception {
        rm.releaseSlots(List.of()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aRequestIsServedOnceEnoughTaskManagersRegisteredWithSlotsSpreadOverThem() throws Exception {
        ResourceManager rm = resourceManager(new Configuration());
        CompletableFuture<List<Slot>> request = rm.requestSlots(3, new RecordingOwner(), "job", "hint");
        TaskExecutorGateway tm1 = taskManager("tm-1", 2);
        rm.registerTaskManager(tm1);
        sync(rm);
        assertFalse(request.isDone(), "2 slots are not enough");

        TaskExecutorGateway tm2 = taskManager("tm-2", 2);
        rm.registerTaskManager(tm2);
        List<Slot> slots = request.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(new Slot(tm1, 0), new Slot(tm2, 0), new Slot(tm1, 1)), slots);
        sync(rm);
        assertEquals(1, rm.getFreeSlots());

        rm.releaseSlots(slots).get(30, TimeUnit.SECONDS);
        assertEquals(4, rm.getFreeSlots());
    }

    @Test
    void requestsAreServedInOrderSoASmallOneDoesNotOvertakeALargeOne() throws Exception {
        ResourceManager rm = resourceManager(new Configuration());
        CompletableFuture<List<Slot>> large = rm.requestSlots(2, new RecordingOwner(), "large", "");
        CompletableFuture<List<Slot>> small = rm.requestSlots(1, new RecordingOwner(), "small", "");
        rm.registerTaskManager(taskManager("tm-1", 1));
        sync(rm);
        assertFalse(large.isDone());
        assertFalse(small.isDone(), "the small request waits behind the large one");

        rm.registerTaskManager(taskManager("tm-2", 2));
        assertEquals(2, large.get(30, TimeUnit.SECONDS).size());
        assertEquals(1, small.get(30, TimeUnit.SECONDS).size());
    }

    @Test
    void aRequestStillOpenAfterTheSlotRequestTimeoutFailsNamingWhatIsMissingAndWhatToDo() throws Exception {
        Configuration config = new Configuration();
        config.set(ResourceManagerOptions.SLOT_REQUEST_TIMEOUT, Duration.ofMillis(200));
        ResourceManager rm = resourceManager(config);
        rm.registerTaskManager(taskManager("tm-1", 1));
        CompletableFuture<List<Slot>> request = rm.requestSlots(2, new RecordingOwner(),
                "Job 'big' needs 2 task slots (its highest parallelism)", "Lower the parallelism or add slots.");

        ExecutionException failure = assertThrows(ExecutionException.class, () -> request.get(30, TimeUnit.SECONDS));
        assertInstanceOf(NotEnoughSlotsException.class, failure.getCause());
        assertEquals("Job 'big' needs 2 task slots (its highest parallelism): the cluster has 1 free of 1"
                + " (1 TaskManager(s)) after waiting 200 ms ('slot.request.timeout'). Lower the parallelism or add"
                + " slots.", failure.getCause().getMessage());
        sync(rm);
        assertEquals(1, rm.getFreeSlots(), "a timed out request holds nothing");
    }

    @Test
    void missingSlotsAreAskedFromTheDriverAsWorkersOfTheConfiguredSize() throws Exception {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        config.set(TaskManagerOptions.PROCESS_MEMORY, MemorySize.parse("1g"));
        ResourceManager rm = resourceManager(config);
        CompletableFuture<List<Slot>> request = rm.requestSlots(3, new RecordingOwner(), "job", "");
        waitUntil(() -> driver.requested.size() == 2);
        WorkerResourceSpec spec = new WorkerResourceSpec(1L << 30, 2, 2);
        assertEquals(List.of(spec, spec), driver.specs);

        // launched, then registered under the ids the driver gave them
        driver.launch(0, "worker-1");
        driver.launch(1, "worker-2");
        rm.registerTaskManager(taskManager("worker-1", 2));
        sync(rm);
        assertFalse(request.isDone());
        rm.registerTaskManager(taskManager("worker-2", 2));
        assertEquals(3, request.get(30, TimeUnit.SECONDS).size());
        sync(rm);
        assertEquals(2, driver.requested.size(), "no more workers than needed");
    }

    @Test
    void workerRequestsNoLongerNeededAreCancelled() throws Exception {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        ResourceManager rm = resourceManager(config);
        CompletableFuture<List<Slot>> request = rm.requestSlots(4, new RecordingOwner(), "job", "");
        waitUntil(() -> driver.requested.size() == 2);
        rm.registerTaskManager(taskManager("standalone", 4)); // came on its own
        assertEquals(4, request.get(30, TimeUnit.SECONDS).size());
        sync(rm);
        assertTrue(driver.requested.stream().allMatch(CompletableFuture::isCancelled));
    }

    @Test
    void aTerminatedWorkerTakesItsSlotsAwayAndItsOwnersAreTold() throws Exception {
        ResourceManager rm = resourceManager(new Configuration());
        TaskExecutorGateway worker = taskManager("worker-1", 2);
        rm.registerTaskManager(worker);
        RecordingOwner owner = new RecordingOwner();
        rm.requestSlots(1, owner, "job", "").get(30, TimeUnit.SECONDS);

        driver.terminate("worker-1", "container killed by the test");
        waitUntil(() -> !owner.lost.isEmpty());
        assertEquals(List.of("worker-1: its worker terminated: container killed by the test"), List.copyOf(owner.lost));
        sync(rm);
        assertEquals(0, rm.getFreeSlots());
        assertEquals(List.of(), rm.getTaskManagers());
    }

    @Test
    void onlyIdleWorkersTheDriverStartedAreReleased() throws Exception {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        config.set(ResourceManagerOptions.TASKMANAGER_TIMEOUT, Duration.ofMillis(100));
        ResourceManager rm = resourceManager(config);
        TaskExecutorGateway standalone = taskManager("standalone", 1);
        rm.registerTaskManager(standalone);
        CompletableFuture<List<Slot>> request = rm.requestSlots(2, new RecordingOwner(), "job", "");
        waitUntil(() -> driver.requested.size() == 1);
        driver.launch(0, "worker-1");
        rm.registerTaskManager(taskManager("worker-1", 1));
        List<Slot> slots = request.get(30, TimeUnit.SECONDS);
        sync(rm);
        assertEquals(List.of(), List.copyOf(driver.released), "a busy worker stays");

        rm.releaseSlots(slots);
        waitUntil(() -> !driver.released.isEmpty());
        sync(rm);
        assertEquals(List.of(new WorkerId("worker-1")), List.copyOf(driver.released));
        assertEquals(List.of(standalone), rm.getTaskManagers());
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }

    /** Records the lost TaskManagers it is told about. */
    private static final class RecordingOwner implements SlotOwner {
        final ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();

        @Override
        public void taskManagerLost(TaskExecutorGateway taskManager, String reason) {
            lost.add(taskManager.getId() + ": " + reason);
        }
    }

    /** A driver whose workers the test launches and terminates; it records requests and releases. */
    private static final class RecordingDriver implements ResourceManagerDriver {
        final List<CompletableFuture<WorkerId>> requested = new CopyOnWriteArrayList<>();
        final List<WorkerResourceSpec> specs = new CopyOnWriteArrayList<>();
        final ConcurrentLinkedQueue<WorkerId> released = new ConcurrentLinkedQueue<>();
        private volatile ResourceEventHandler handler;
        private volatile Executor mainThread;

        @Override
        public void initialize(ResourceEventHandler handler, Executor mainThread) {
            this.handler = handler;
            this.mainThread = mainThread;
        }

        @Override
        public CompletableFuture<WorkerId> requestWorker(WorkerResourceSpec spec) {
            CompletableFuture<WorkerId> worker = new CompletableFuture<>();
            specs.add(spec);
            requested.add(worker);
            return worker;
        }

        void launch(int request, String id) {
            requested.get(request).complete(new WorkerId(id));
        }

        void terminate(String id, String diagnostics) {
            mainThread.execute(() -> handler.onWorkerTerminated(new WorkerId(id), diagnostics));
        }

        @Override
        public void releaseWorker(WorkerId worker) {
            released.add(worker);
        }

        @Override
        public void deregisterApplication(ApplicationStatus status, String diagnostics) {}

        @Override
        public void close() {}
    }
}
