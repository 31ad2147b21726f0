package io.eddy.runtime.operators;

import io.eddy.api.eventtime.TimestampAssigner;
import io.eddy.api.eventtime.Watermark;
import io.eddy.api.eventtime.WatermarkGenerator;
import io.eddy.api.eventtime.WatermarkGeneratorSupplier;
import io.eddy.api.eventtime.WatermarkOutput;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.ProcessingTimeService;
import io.eddy.api.operators.StreamOperator;

/**
 * Gives elements their event timestamps and generates watermarks from them
 * ({@code assignTimestampsAndWatermarks}). Watermarks from upstream are dropped, except the final
 * one that marks the end of the input; periodic watermarks are emitted from a processing-time
 * callback in the task thread.
 *
 * <p>In BATCH mode the operator is not <em>progressive</em>: it assigns timestamps but emits no
 * watermark before the final one, as Flink does there. The whole input is known, so event time
 * needs no heuristic: every operator sees the input as complete only at its end (the "perfect
 * watermark"), whatever the strategy's generator would have guessed, and nothing is late.
 */
public final class TimestampsAndWatermarksOperator<T> extends StreamOperator<T>
        implements OneInputOperator<T>, WatermarkOutput, ProcessingTimeService.Callback {
    private static final long serialVersionUID = 1L;

    private final WatermarkStrategy<T> strategy;
    /** False in BATCH mode: only the final watermark is emitted. */
    private final boolean progressive;

    private transient TimestampAssigner<T> assigner;
    private transient WatermarkGenerator<T> generator;
    private transient ProcessingTimeService.Cancellable periodic;
    private transient long currentWatermark;
    private transient boolean idle;

    public TimestampsAndWatermarksOperator(WatermarkStrategy<T> strategy) {
        this(strategy, true);
    }

    private TimestampsAndWatermarksOperator(WatermarkStrategy<T> strategy, boolean progressive) {
        this.strategy = strategy;
        this.progressive = progressive;
    }

    /** The operator of BATCH mode: timestamps from {@code strategy}, no watermark but the final one. */
    public static <T> TimestampsAndWatermarksOperator<T> finalWatermarkOnly(WatermarkStrategy<T> strategy) {
        return new TimestampsAndWatermarksOperator<>(strategy, false);
    }

    @Override
    public void open() {
        ProcessingTimeService time = context.getProcessingTimeService();
        WatermarkGeneratorSupplier.Context clock = time::getCurrentProcessingTime;
        assigner = strategy.createTimestampAssigner();
        generator = progressive ? strategy.createWatermarkGenerator(clock) : null;
        currentWatermark = Long.MIN_VALUE;
        long interval = context.getExecutionConfig().getAutoWatermarkInterval();
        if (progressive && interval > 0) {
            periodic = time.scheduleAtFixedRate(this, interval, interval);
        }
    }

    @Override
    public void processElement(T value, long timestamp) throws Exception {
        long eventTime = assigner.extractTimestamp(value, timestamp);
        output.collect(value, eventTime);
        if (generator != null) {
            generator.onEvent(value, eventTime, this);
        }
    }

    @Override
    public void onProcessingTime(long time) {
        generator.onPeriodicEmit(this);
    }

    @Override
    public void processWatermark(long watermark) throws Exception {
        if (watermark == Long.MAX_VALUE) {
            // the input ended: everything is complete
            emitWatermark(Watermark.MAX_WATERMARK);
        }
    }

    @Override
    public void processWatermarkStatus(boolean idle) {
        // this operator decides idleness from its own generator
    }

    @Override
    public void emitWatermark(Watermark watermark) {
        long timestamp = watermark.getTimestamp();
        if (timestamp > currentWatermark) {
            currentWatermark = timestamp;
            if (idle) {
                idle = false;
                output.emitWatermarkStatus(false);
            }
            output.emitWatermark(timestamp);
        }
    }

    @Override
    public void markIdle() {
        if (!idle) {
            idle = true;
            output.emitWatermarkStatus(true);
        }
    }

    @Override
    public void close() {
        if (periodic != null) {
            periodic.cancel();
        }
    }
}
