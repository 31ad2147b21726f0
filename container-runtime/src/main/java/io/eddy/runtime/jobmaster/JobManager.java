package io.eddy.runtime.jobmaster;

import io.eddy.api.execution.JobId;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts jobs and gives each a {@link JobMaster} and the slots it needs: as many as its highest
 * parallelism, taken round-robin over the TaskManagers so a job's subtasks spread out. Slots
 * return to the pool when the job ends. Before a job restarts, its slots on TaskManagers that were
 * lost in the meantime are swapped for free ones; without enough free ones the restart fails.
 *
 * <p>Thread-safe.
 */
public final class JobManager {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final List<TaskExecutorGateway> taskManagers = new ArrayList<>();
    private final List<Slot> freeSlots = new ArrayList<>();
    private final ConcurrentHashMap<JobId, JobMaster> jobs = new ConcurrentHashMap<>();

    public synchronized void registerTaskManager(TaskExecutorGateway taskManager) {
        taskManagers.add(taskManager);
        for (int i = 0; i < taskManager.getNumberOfSlots(); i++) {
            freeSlots.add(new Slot(taskManager, i));
        }
        sortFreeSlots();
    }

    /** Interleaves slots of different TaskManagers: tm1/0, tm2/0, tm1/1, tm2/1, … */
    private void sortFreeSlots() {
        freeSlots.sort((a, b) -> a.index() != b.index() ? Integer.compare(a.index(), b.index())
                : Integer.compare(taskManagers.indexOf(a.taskManager()), taskManagers.indexOf(b.taskManager())));
    }

    /** Starts the job; fails at once if the cluster lacks slots. */
    public JobMaster submit(JobGraph job, UserCode userCode) {
        List<Slot> slots;
        synchronized (this) {
            int needed = job.getMaximumParallelism();
            if (freeSlots.size() < needed) {
                int total = taskManagers.stream().mapToInt(TaskExecutorGateway::getNumberOfSlots).sum();
                throw new NotEnoughSlotsException("Job '" + job.getName() + "' needs " + needed
                        + " task slots (its highest parallelism) but the cluster has " + freeSlots.size()
                        + " free of " + total + " (" + taskManagers.size() + " TaskManager(s)). Lower the "
                        + "parallelism (-p or setParallelism) or add slots ('"
                        + TaskManagerOptions.NUM_TASK_SLOTS.key() + "' or more TaskManagers).");
            }
            slots = new ArrayList<>(freeSlots.subList(0, needed));
            freeSlots.subList(0, needed).clear();
        }
        JobMaster master = new JobMaster(job, userCode, slots, () -> replaceLostSlots(job, slots),
                () -> release(slots));
        jobs.put(job.getJobId(), master);
        master.start();
        return master;
    }

    private synchronized void release(List<Slot> slots) {
        for (Slot slot : slots) {
            // slots of a TaskManager that was lost in the meantime are gone
            if (taskManagers.contains(slot.taskManager())) {
                freeSlots.add(slot);
            }
        }
        sortFreeSlots();
    }

    /**
     * Swaps each of a job's {@code slots} (changed in place) whose TaskManager is gone for a free
     * slot. Throws if there are too few free slots (those it could swap stay swapped): the job
     * cannot restart until TaskManagers register.
     */
    private synchronized void replaceLostSlots(JobGraph job, List<Slot> slots) {
        int missing = 0;
        for (int i = 0; i < slots.size(); i++) {
            if (taskManagers.contains(slots.get(i).taskManager())) {
                continue;
            }
            if (freeSlots.isEmpty()) {
                missing++;
            } else {
                Slot replacement = freeSlots.remove(0);
                LOG.info("Slot {} of a lost TaskManager is replaced by {}", slots.get(i), replacement);
                slots.set(i, replacement);
            }
        }
        if (missing > 0) {
            throw new NotEnoughSlotsException("Job '" + job.getName() + "' cannot restart: " + missing + " of its slots"
                    + " were on lost TaskManagers and no slot is free (" + taskManagers.size() + " TaskManager(s) left)."
                    + " Start TaskManagers; the restart strategy decides how long the job waits.");
        }
    }

    /** Forgets a TaskManager (lost or shut down): its free slots go; jobs using it fail on their own. */
    public synchronized void unregisterTaskManager(TaskExecutorGateway taskManager) {
        taskManagers.remove(taskManager);
        freeSlots.removeIf(slot -> slot.taskManager() == taskManager);
    }

    public JobMaster getJob(JobId jobId) {
        return jobs.get(jobId);
    }

    public Collection<JobMaster> getJobs() {
        return jobs.values();
    }

    public synchronized int getFreeSlots() {
        return freeSlots.size();
    }

    public synchronized List<TaskExecutorGateway> getTaskManagers() {
        return List.copyOf(taskManagers);
    }
}
