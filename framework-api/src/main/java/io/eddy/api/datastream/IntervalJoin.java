package io.eddy.api.datastream;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.process.ProcessJoinFunction;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.transformations.TwoInputTransformation;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;

import java.time.Duration;
import java.util.Objects;

/**
 * An interval join of two keyed streams in event time, built by
 * {@code left.intervalJoin(right).between(lower, upper).process(function)}: a left element at
 * time {@code t} joins every right element of its key at a time in {@code [t + lower, t + upper]}.
 */
public final class IntervalJoin<T1, T2, K> {
    private final KeyedStream<T1, K> left;
    private final KeyedStream<T2, K> right;

    IntervalJoin(KeyedStream<T1, K> left, KeyedStream<T2, K> right) {
        if (!left.getKeyType().equals(right.getKeyType())) {
            throw new io.eddy.api.execution.InvalidProgramException("An interval join needs both inputs keyed by the "
                    + "same key type, but they are keyed by " + left.getKeyType() + " and " + right.getKeyType());
        }
        this.left = left;
        this.right = right;
    }

    /** The bounds (inclusive) of {@code right.timestamp - left.timestamp}; either may be negative. */
    public Bounded between(Duration lower, Duration upper) {
        return new Bounded(lower.toMillis(), upper.toMillis());
    }

    /** The join with its bounds, ready for the function. */
    public final class Bounded {
        private long lower;
        private long upper;
        private OutputTag<T1> lateLeft;
        private OutputTag<T2> lateRight;

        Bounded(long lower, long upper) {
            if (lower > upper) {
                throw new IllegalArgumentException("between(" + lower + " ms, " + upper + " ms): the lower bound "
                        + "must not be above the upper bound");
            }
            this.lower = lower;
            this.upper = upper;
        }

        public Bounded lowerBoundExclusive() {
            lower++;
            return this;
        }

        public Bounded upperBoundExclusive() {
            upper--;
            return this;
        }

        /** Sends left elements that arrive behind the watermark to {@code tag} instead of dropping them. */
        public Bounded sideOutputLeftLateData(OutputTag<T1> tag) {
            lateLeft = Objects.requireNonNull(tag);
            return this;
        }

        public Bounded sideOutputRightLateData(OutputTag<T2> tag) {
            lateRight = Objects.requireNonNull(tag);
            return this;
        }

        public <OUT> SingleOutputStreamOperator<OUT> process(ProcessJoinFunction<T1, T2, OUT> function) {
            DataStream.TypeOrError<OUT> type;
            try {
                type = new DataStream.TypeOrError<>(TypeExtractor.getOutputType(function, ProcessJoinFunction.class, 2,
                        left.getType()), null);
            } catch (io.eddy.api.types.InvalidTypesException e) {
                type = new DataStream.TypeOrError<>(null, e);
            }
            SingleOutputStreamOperator<OUT> result = process(function, type.type());
            if (type.error() != null) {
                result.getTransformation().setMissingOutputType(type.error());
            }
            return result;
        }

        public <OUT> SingleOutputStreamOperator<OUT> process(ProcessJoinFunction<T1, T2, OUT> function,
                TypeInfo<OUT> outputType) {
            ClosureCheck.ensureSerializable(function, "the interval join function");
            Operation operation = new Operation.IntervalJoin<>(function, lower, upper,
                    left.getType(), right.getType(), lateLeft, lateRight);
            TwoInputTransformation<T1, T2, OUT> t = new TwoInputTransformation<>(left.getTransformation(),
                    right.getTransformation(), "Interval Join", operation, outputType, Transformation.DEFAULT_PARALLELISM);
            t.setKeys(left.getKeySelector(), right.getKeySelector(), left.getKeyType());
            return new SingleOutputStreamOperator<>(left.getExecutionEnvironment(), t);
        }
    }
}
