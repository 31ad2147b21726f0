package io.eddy.api.dataset;

import io.eddy.api.datastream.DataStream;
import io.eddy.api.functions.CrossFunction;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.transformations.TwoInputTransformation;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/**
 * The cross product of two DataSets: every pair of a left and a right record, as {@code Tuple2} or
 * through {@link #with}. The right side is sent whole to every subtask and kept on the heap, so it
 * should be the small one.
 */
public final class Cross<L, R> extends DataSet<Tuple2<L, R>> {
    private final DataSet<L> left;
    private final DataSet<R> right;

    Cross(DataSet<L> left, DataSet<R> right) {
        super(left.environment, build(left, right, new PairUp<>(), Types.TUPLE(left.getType(), right.getType())));
        this.left = left;
        this.right = right;
    }

    public <OUT> DataSet<OUT> with(CrossFunction<L, R, OUT> function) {
        return new DataSet<>(environment, build(left, right, function,
                DataSet.outputType(function, CrossFunction.class, left.getType(), right.getType())));
    }

    private static <L, R, OUT> DataStream<OUT> build(DataSet<L> left, DataSet<R> right, CrossFunction<L, R, OUT> function,
            TypeInfo<OUT> type) {
        TwoInputTransformation<L, R, OUT> t = new TwoInputTransformation<>(left.stream.getTransformation(),
                right.stream.broadcast().getTransformation(), "Cross",
                new Operation.Cross<>(function, left.getType(), right.getType()), type, Transformation.DEFAULT_PARALLELISM);
        return new DataStream<>(left.environment.streams(), t);
    }

    private static final class PairUp<L, R> implements CrossFunction<L, R, Tuple2<L, R>> {
        @Override
        public Tuple2<L, R> cross(L first, R second) {
            return Tuple2.of(first, second);
        }
    }
}
