package io.eddy.runtime.metrics;

/** Names of the built-in metrics, as the REST API, the dashboard and the reporters show them. */
public final class MetricNames {
    private MetricNames() {}

    // task and operator
    public static final String RECORDS_IN = "numRecordsIn";
    public static final String RECORDS_OUT = "numRecordsOut";
    public static final String RECORDS_IN_RATE = "numRecordsInPerSecond";
    public static final String RECORDS_OUT_RATE = "numRecordsOutPerSecond";
    public static final String BYTES_IN = "numBytesIn";
    public static final String BYTES_OUT = "numBytesOut";
    public static final String BYTES_IN_RATE = "numBytesInPerSecond";
    public static final String BYTES_OUT_RATE = "numBytesOutPerSecond";
    public static final String BACK_PRESSURED_TIME = "backPressuredTimeMsPerSecond";
    public static final String IDLE_TIME = "idleTimeMsPerSecond";
    public static final String BUSY_TIME = "busyTimeMsPerSecond";
    public static final String INPUT_WATERMARK = "currentInputWatermark";
    public static final String WATERMARK_LAG = "watermarkLag";
    public static final String OUTPUT_POOL_USAGE = "outPoolUsage";
    public static final String INPUT_POOL_USAGE = "inPoolUsage";
    /** Buffers the outputs took beyond their pools: a record longer than the free buffers, an element's output while mail waited. */
    public static final String OUTPUT_POOL_OVERDRAFTS = "outPoolOverdrafts";
    public static final String INPUT_QUEUE_LENGTH = "inputQueueLength";
    /** A source's lag: wall clock minus the event time of the record it emitted last (ms). */
    public static final String EMIT_EVENT_TIME_LAG = "currentEmitEventTimeLag";
    /** Hash tables a hash join built from its build side (once per superstep inside an iteration, unless it keeps a static one). */
    public static final String HASH_TABLE_BUILDS = "numHashTableBuilds";
    /** Inputs a sort-merge join or co-group sorted (both, once per superstep inside an iteration, but a static side it keeps once). */
    public static final String INPUT_SORTS = "numInputSorts";
    /** Bytes of a {@code mapPartition}'s partition that did not fit its managed memory and went to a spill file. */
    public static final String SPILLED_BYTES = "numBytesSpilled";

    // job (JobManager)
    public static final String COMPLETED_CHECKPOINTS = "numberOfCompletedCheckpoints";
    public static final String FAILED_CHECKPOINTS = "numberOfFailedCheckpoints";
    public static final String IN_PROGRESS_CHECKPOINTS = "numberOfInProgressCheckpoints";
    public static final String LAST_CHECKPOINT_DURATION = "lastCheckpointDuration";
    public static final String LAST_CHECKPOINT_SIZE = "lastCheckpointSize";
    public static final String LAST_CHECKPOINT_ALIGNMENT = "lastCheckpointAlignmentTime";
    public static final String LAST_RESTORED_CHECKPOINT = "lastCheckpointRestoreTimestamp";
    public static final String RESTARTS = "numRestarts";
    public static final String UPTIME = "uptime";

    // TaskManager network memory
    public static final String NETWORK_SEGMENTS_TOTAL = "totalMemorySegments";
    public static final String NETWORK_SEGMENTS_AVAILABLE = "availableMemorySegments";
    public static final String NETWORK_SEGMENT_SIZE = "memorySegmentSize";

    // TaskManager managed memory (sorters, hash tables, iteration state of batch operators)
    public static final String MANAGED_MEMORY_TOTAL = "Total";
    public static final String MANAGED_MEMORY_USED = "Used";
}
