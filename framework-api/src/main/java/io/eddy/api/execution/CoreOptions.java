package io.eddy.api.execution;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.state.KeyGroups;

import java.time.Duration;

/** Options that shape every job, read by the execution environment. */
public final class CoreOptions {
    private CoreOptions() {}

    public static final ConfigOption<Integer> DEFAULT_PARALLELISM = ConfigOptions.key("parallelism.default")
            .intType()
            .noDefaultValue()
            .withDescription("Parallelism of operators that do not set their own. Unset: the number of "
                    + "CPU cores on the embedded cluster, 1 elsewhere.");

    public static final ConfigOption<Integer> MAX_PARALLELISM = ConfigOptions.key("pipeline.max-parallelism")
            .intType()
            .defaultValue(KeyGroups.DEFAULT_MAX_PARALLELISM)
            .withDescription("Number of key groups of keyed state: the highest parallelism a keyed "
                    + "operator can be rescaled to.");

    public static final ConfigOption<Duration> BUFFER_TIMEOUT = ConfigOptions.key("execution.buffer-timeout")
            .durationType()
            .defaultValue(Duration.ofMillis(100))
            .withDescription("Longest time a record waits in a partly filled network buffer before it is "
                    + "sent. 0 sends every record at once (lowest latency, lowest throughput).");

    public static final ConfigOption<Boolean> OBJECT_REUSE = ConfigOptions.key("pipeline.object-reuse")
            .booleanType()
            .defaultValue(false)
            .withDescription("Pass records between chained operators without copying them. Faster, but a "
                    + "function must then neither keep nor modify the objects it receives or emits.");

    public static final ConfigOption<RuntimeExecutionMode> RUNTIME_MODE = ConfigOptions.key("execution.runtime-mode")
            .enumType(RuntimeExecutionMode.class)
            .defaultValue(RuntimeExecutionMode.STREAMING)
            .withDescription("How a DataStream program runs: STREAMING (pipelined, state per key, checkpoints), "
                    + "BATCH (bounded sources only: stage by stage over blocking exchanges, keyed operators on input "
                    + "sorted by key, final results only, no checkpoints) or AUTOMATIC (BATCH when every source "
                    + "is bounded and checkpointing is off).");

    public static final ConfigOption<Duration> AUTO_WATERMARK_INTERVAL = ConfigOptions.key("pipeline.auto-watermark-interval")
            .durationType()
            .defaultValue(Duration.ofMillis(200))
            .withDescription("How often timestamp assigners emit periodic watermarks; 0 disables periodic "
                    + "watermarks (punctuated ones still flow).");
}
