package io.eddy.ml.optimization;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.types.Types;
import io.eddy.ml.linalg.LabeledVector;

/**
 * The starting point of a linear learner, {@code d + 1} zeros ({@code w} and then {@code b}), made
 * inside the job from the dimension of the data, so that the client needs no job to learn it.
 */
public final class InitialPoint {
    private InitialPoint() {}

    public static DataSet<double[]> zeros(DataSet<LabeledVector> data) {
        return data.mapPartition(new FirstDimension()).returns(Types.INT)
                .mapPartition(new Zeros()).returns(Types.DOUBLE_ARRAY).setParallelism(1);
    }

    private static final class FirstDimension implements GroupReduceFunction<LabeledVector, Integer> {
        @Override
        public void reduce(Iterable<LabeledVector> values, Collector<Integer> out) {
            for (LabeledVector v : values) {
                out.collect(v.features().size());
                return;
            }
        }
    }

    private static final class Zeros implements GroupReduceFunction<Integer, double[]> {
        @Override
        public void reduce(Iterable<Integer> dimensions, Collector<double[]> out) {
            int d = -1;
            for (int dimension : dimensions) {
                if (d >= 0 && dimension != d) {
                    throw new IllegalArgumentException("Vectors of different dimensions in the training set: " + d + " and " + dimension);
                }
                d = dimension;
            }
            if (d < 0) {
                throw new IllegalArgumentException("The training set is empty");
            }
            out.collect(new double[d + 1]);
        }
    }
}
