package io.eddy.runtime.tasks;

/**
 * Where a {@link StreamTask} is in its life, as its own thread sees it, and the moves allowed:
 *
 * <pre>
 *   CREATED ──► OPENING ──► RUNNING ◄───────► STOPPING
 *                 │  │        │   │   (a)        │
 *                 │  │(r)     │(c)│(e)           │(s)
 *                 │  ▼        ▼   │              │
 *              (r)│  FINISHING    │              │
 *                 │      │(f)     │              │
 *                 ▼      ▼        │              │
 *                 FINISHED ◄──────┴──────────────┘
 *
 *   every state but FINISHED ──► FAILED | CANCELED
 *
 *   (a) took its part of a stop savepoint / the savepoint was aborted
 *   (c) the input ended and checkpointing is on (or the job is drained)
 *   (e) the input ended, checkpointing off
 *   (f) the final checkpoint or a stop savepoint completed
 *   (r) restored from a checkpoint in which its vertex had finished
 *   (s) the stop savepoint completed
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
