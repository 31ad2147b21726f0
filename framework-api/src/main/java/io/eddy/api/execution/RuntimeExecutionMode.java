package io.eddy.api.execution;

/**
 * How the runtime executes a DataStream program ({@link CoreOptions#RUNTIME_MODE}).
 *
 * <ul>
 *   <li>{@link #STREAMING}: records flow through pipelined exchanges as they arrive, keyed operators
 *       keep the state of every key, watermarks advance event time as data goes, checkpoints can be
 *       taken. Works for bounded and unbounded sources.
 *   <li>{@link #BATCH}: every source must be bounded. Stages exchange data through blocking
 *       (on-disk) results and run one after another, so a job may have more subtasks than slots;
 *       each keyed operator reads its input sorted by key (in managed memory, spilling to disk) and
 *       holds the state and timers of the current key only: when a key's records are done, its
 *       event-time timers fire as if the watermark were at +infinity, then its processing-time
 *       timers, and its state is dropped. A keyed {@code reduce} (and {@code sum}, {@code min},
 *       {@code max}) emits one final value per key instead of every intermediate one. No
 *       checkpoints. The final results equal those of STREAMING for programs whose results do
 *       not depend on arrival order or on late data.
 *   <li>{@link #AUTOMATIC}: BATCH when every source is bounded, else STREAMING.
 * </ul>
 */
public enum RuntimeExecutionMode {
    STREAMING,
    BATCH,
    AUTOMATIC
}
