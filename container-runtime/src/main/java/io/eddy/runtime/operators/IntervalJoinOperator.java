package io.eddy.runtime.operators;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.process.ProcessJoinFunction;
import io.eddy.api.operators.InternalTimer;
import io.eddy.api.operators.InternalTimerService;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.Triggerable;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.VoidNamespace;
import io.eddy.api.state.VoidNamespaceSerializer;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Joins two keyed streams on event time: a left element at time {@code t} matches every right
 * element of the same key at a time in {@code [t + lower, t + upper]}. Each side buffers its
 * elements per key and timestamp in keyed state until the watermark shows that no element of the
 * other side can match them any more; a timer then drops them. Elements behind the watermark when
 * they arrive are late and are dropped, or sent to the late side outputs if set.
 */
public final class IntervalJoinOperator<K, T1, T2, OUT> extends UdfOperator<OUT, ProcessJoinFunction<T1, T2, OUT>>
        implements TwoInputOperator<T1, T2> {
    private static final long serialVersionUID = 1L;

    private final long lower;
    private final long upper;
    private final TypeInfo<T1> leftType;
    private final TypeInfo<T2> rightType;
    private final OutputTag<T1> lateLeft;
    private final OutputTag<T2> lateRight;

    private transient MapState<Long, List<T1>> leftBuffer;
    private transient MapState<Long, List<T2>> rightBuffer;
    private transient InternalTimerService<VoidNamespace> leftCleanup;
    private transient InternalTimerService<VoidNamespace> rightCleanup;
    private transient TimestampedCollector<OUT> collector;
    private transient JoinContext joinContext;

    /**
     * @param lower inclusive lower bound of {@code right.ts - left.ts}
     * @param upper inclusive upper bound of {@code right.ts - left.ts}
     * @param lateLeft where late left elements go, or null to drop them
     */
    public IntervalJoinOperator(ProcessJoinFunction<T1, T2, OUT> function, long lower, long upper,
            TypeInfo<T1> leftType, TypeInfo<T2> rightType, OutputTag<T1> lateLeft, OutputTag<T2> lateRight) {
        super(function);
        this.lower = lower;
        this.upper = upper;
        this.leftType = leftType;
        this.rightType = rightType;
        this.lateLeft = lateLeft;
        this.lateRight = lateRight;
    }

    @Override
    public void open() throws Exception {
        leftBuffer = context.getMapState(
                new MapStateDescriptor<>("interval-join-left", Types.LONG, Types.LIST(leftType)));
        rightBuffer = context.getMapState(
                new MapStateDescriptor<>("interval-join-right", Types.LONG, Types.LIST(rightType)));
        leftCleanup = context.getInternalTimerService("interval-join-left", VoidNamespaceSerializer.INSTANCE,
                new Cleanup<>(leftBuffer, -upper));
        rightCleanup = context.getInternalTimerService("interval-join-right", VoidNamespaceSerializer.INSTANCE,
                new Cleanup<>(rightBuffer, lower));
        collector = new TimestampedCollector<>(output);
        joinContext = new JoinContext();
        super.open();
    }

    @Override
    public void processElement1(T1 left, long timestamp) throws Exception {
        checkTimestamp(timestamp);
        if (timestamp < context.currentWatermark()) {
            late(lateLeft, left, timestamp);
            return;
        }
        add(leftBuffer, left, timestamp);
        for (Map.Entry<Long, List<T2>> bucket : rightBuffer.entries()) {
            long rightTime = bucket.getKey();
            if (rightTime >= timestamp + lower && rightTime <= timestamp + upper) {
                for (T2 right : bucket.getValue()) {
                    emit(left, timestamp, right, rightTime);
                }
            }
        }
        leftCleanup.registerEventTimeTimer(VoidNamespace.INSTANCE, timestamp + upper);
    }

    @Override
    public void processElement2(T2 right, long timestamp) throws Exception {
        checkTimestamp(timestamp);
        if (timestamp < context.currentWatermark()) {
            late(lateRight, right, timestamp);
            return;
        }
        add(rightBuffer, right, timestamp);
        for (Map.Entry<Long, List<T1>> bucket : leftBuffer.entries()) {
            long leftTime = bucket.getKey();
            if (timestamp >= leftTime + lower && timestamp <= leftTime + upper) {
                for (T1 left : bucket.getValue()) {
                    emit(left, leftTime, right, timestamp);
                }
            }
        }
        rightCleanup.registerEventTimeTimer(VoidNamespace.INSTANCE, timestamp - lower);
    }

    private void checkTimestamp(long timestamp) {
        if (timestamp == Output.NO_TIMESTAMP) {
            throw new IllegalStateException("An interval join needs event timestamps: apply "
                    + "assignTimestampsAndWatermarks(...) to both inputs ('" + context.getTaskName() + "').");
        }
    }

    private <T> void late(OutputTag<T> tag, T element, long timestamp) {
        if (tag != null) {
            output.collect(tag, element, timestamp);
        }
    }

    private static <T> void add(MapState<Long, List<T>> buffer, T element, long timestamp) throws Exception {
        List<T> bucket = buffer.get(timestamp);
        List<T> updated = bucket == null ? new ArrayList<>(1) : new ArrayList<>(bucket);
        updated.add(element);
        buffer.put(timestamp, updated);
    }

    private void emit(T1 left, long leftTime, T2 right, long rightTime) throws Exception {
        long resultTime = Math.max(leftTime, rightTime);
        joinContext.leftTime = leftTime;
        joinContext.rightTime = rightTime;
        collector.setTimestamp(resultTime);
        function.processElement(left, right, joinContext, collector);
    }

    /** Drops the buffered elements of one timestamp once the watermark passed their last possible match. */
    private record Cleanup<K, T>(MapState<Long, List<T>> buffer, long offset) implements Triggerable<K, VoidNamespace> {
        @Override
        public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
            buffer.remove(timer.getTimestamp() + offset);
        }

        @Override
        public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) {}
    }

    private final class JoinContext extends ProcessJoinFunction<T1, T2, OUT>.Context {
        long leftTime;
        long rightTime;

        JoinContext() {
            function.super();
        }

        @Override
        public long getLeftTimestamp() {
            return leftTime;
        }

        @Override
        public long getRightTimestamp() {
            return rightTime;
        }

        @Override
        public long getTimestamp() {
            return Math.max(leftTime, rightTime);
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            output.collect(tag, value, getTimestamp());
        }
    }
}
