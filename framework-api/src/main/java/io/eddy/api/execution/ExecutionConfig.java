package io.eddy.api.execution;

import io.eddy.api.types.serializers.SerializerConfig;

import java.io.Serializable;
import java.util.Objects;

/**
 * Per-job execution settings, set on the environment and shipped with the job. Values not set
 * here come from the cluster configuration ({@link CoreOptions}).
 */
public final class ExecutionConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private boolean objectReuse;
    private long bufferTimeoutMillis = CoreOptions.BUFFER_TIMEOUT.defaultValue().toMillis();
    private long autoWatermarkIntervalMillis = CoreOptions.AUTO_WATERMARK_INTERVAL.defaultValue().toMillis();
    private final SerializerConfig serializerConfig = new SerializerConfig();
    private final CheckpointConfig checkpointConfig = new CheckpointConfig();
    private RestartStrategy restartStrategy;
    private RuntimeExecutionMode runtimeMode = CoreOptions.RUNTIME_MODE.defaultValue();

    /** See {@link CoreOptions#OBJECT_REUSE}. */
    public ExecutionConfig enableObjectReuse() {
        objectReuse = true;
        return this;
    }

    public ExecutionConfig disableObjectReuse() {
        objectReuse = false;
        return this;
    }

    public boolean isObjectReuseEnabled() {
        return objectReuse;
    }

    /** See {@link CoreOptions#BUFFER_TIMEOUT}; 0 flushes after every record. */
    public ExecutionConfig setBufferTimeout(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("The buffer timeout cannot be negative: " + millis + " ms");
        }
        bufferTimeoutMillis = millis;
        return this;
    }

    public long getBufferTimeout() {
        return bufferTimeoutMillis;
    }

    /** How often sources and timestamp assigners emit periodic watermarks; 0 disables them. */
    public ExecutionConfig setAutoWatermarkInterval(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("The watermark interval cannot be negative: " + millis + " ms");
        }
        autoWatermarkIntervalMillis = millis;
        return this;
    }

    public long getAutoWatermarkInterval() {
        return autoWatermarkIntervalMillis;
    }

    public SerializerConfig getSerializerConfig() {
        return serializerConfig;
    }

    public CheckpointConfig getCheckpointConfig() {
        return checkpointConfig;
    }

    /** See {@link CoreOptions#RUNTIME_MODE}. */
    public ExecutionConfig setRuntimeMode(RuntimeExecutionMode runtimeMode) {
        this.runtimeMode = Objects.requireNonNull(runtimeMode, "runtimeMode");
        return this;
    }

    public RuntimeExecutionMode getRuntimeMode() {
        return runtimeMode;
    }

    /** The restart strategy set for the job, or null for the default (see {@link #getEffectiveRestartStrategy}). */
    public RestartStrategy getRestartStrategy() {
        return restartStrategy;
    }

    public ExecutionConfig setRestartStrategy(RestartStrategy restartStrategy) {
        this.restartStrategy = restartStrategy;
        return this;
    }

    /** The set strategy; unset: unlimited restarts every second with checkpointing, else none. */
    public RestartStrategy getEffectiveRestartStrategy() {
        if (restartStrategy != null) {
            return restartStrategy;
        }
        return checkpointConfig.isCheckpointingEnabled() ? RestartStrategy.fixedDelay(Integer.MAX_VALUE, 1000)
                : RestartStrategy.none();
    }
}
