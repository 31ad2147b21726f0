package io.eddy.runtime.tasks;

/**
 * Where a {@link StreamTask} is in its life, as its own thread sees it, and the moves allowed:
 *
 * <pre>
 *   CREATED ──► OPENING ──────► RUNNING ◄───────────► STOPPING
 *                 │  (inputs      │ │   stop savepoint   │
 *                 │   connected)  │ │   taken / aborted  │ stop savepoint
 *                 │               │ ▼                    │ completed
 *                 ├─────────► FINISHING ───────┐         │
 *                 │  restored   (input ended,  │ final   │
 *                 │  finished    checkpointing │ ckpt or │
 *                 │              on)           │ stop sp │
 *                 │               │ input ended, no      ▼
 *                 └───────────────┴─────────────────► FINISHED
 *
 *   every state but FINISHED ──► FAILED | CANCELED
 * </pre>
 *
 * <p>OPENING connects the input channels (a local producer may not have registered yet); RUNNING
 * reads the input or the source; STOPPING took its part of a stop savepoint and waits for it with
 * timers held back; FINISHING ended its input and takes its part of every checkpoint until the final
 * one. OPENING and RUNNING run the default action; in every other state the task serves mail alone.
 */
public enum TaskLifecycle {
    CREATED,
    OPENING,
    RUNNING,
    STOPPING,
    FINISHING,
    FINISHED,
    FAILED,
    CANCELED;

    /** Whether the diagram above has an arrow from this state to {@code next}. */
    public boolean canMoveTo(TaskLifecycle next) {
        if (next == FAILED || next == CANCELED) {
            return this != FINISHED && this != FAILED && this != CANCELED;
        }
        return switch (this) {
            case CREATED -> next == OPENING;
            case OPENING -> next == RUNNING || next == FINISHING || next == FINISHED;
            case RUNNING -> next == STOPPING || next == FINISHING || next == FINISHED;
            case STOPPING -> next == RUNNING || next == FINISHED;
            case FINISHING -> next == FINISHED;
            case FINISHED, FAILED, CANCELED -> false;
        };
    }
}
