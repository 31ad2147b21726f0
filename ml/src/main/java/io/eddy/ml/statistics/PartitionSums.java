package io.eddy.ml.statistics;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.types.Types;

import java.io.Serializable;
import java.util.List;

/**
 * Sums of a number of doubles over a data set in one job: each partition adds what
 * {@link Accumulator#add} contributes per record into one array (no allocation per record), the
 * client adds the partitions' arrays. The number of sums may depend on the data (e.g. on the
 * dimension of the vectors): {@link Accumulator#width} gives it from a partition's first record, and
 * all partitions must agree.
 */
public final class PartitionSums {
    private PartitionSums() {}

    /** Adds one record's contribution to {@code sums}. */
    public interface Accumulator<T> extends Serializable {
        /** The number of sums, from the first record of a partition. */
        int width(T first);

        void add(T record, double[] sums);
    }

    /** A fixed number of sums. */
    public interface FixedAccumulator<T> extends Serializable {
        void add(T record, double[] sums);
    }

    public static <T> double[] sum(DataSet<T> data, int width, FixedAccumulator<T> accumulator) throws Exception {
        double[] total = sum(data, new Accumulator<T>() {
            public int width(T first) {
                return width;
            }

            public void add(T record, double[] sums) {
                accumulator.add(record, sums);
            }
        });
        return total == null ? new double[width] : total;
    }

    /** The sums, or null when the data set is empty. */
    public static <T> double[] sum(DataSet<T> data, Accumulator<T> accumulator) throws Exception {
        List<double[]> partitions = data.mapPartition(new SumPartition<>(accumulator)).returns(Types.DOUBLE_ARRAY).collect();
        double[] total = null;
        for (double[] p : partitions) {
            if (total == null) {
                total = p.clone();
            } else if (p.length != total.length) {
                throw new IllegalArgumentException("The records do not agree in size (e.g. vectors of different dimensions): "
                        + "partial sums of " + total.length + " and " + p.length + " values");
            } else {
                for (int i = 0; i < p.length; i++) {
                    total[i] += p[i];
                }
            }
        }
        return total;
    }

    private record SumPartition<T>(Accumulator<T> accumulator) implements GroupReduceFunction<T, double[]> {
        @Override
        public void reduce(Iterable<T> values, Collector<double[]> out) {
            double[] sums = null;
            for (T value : values) {
                if (sums == null) {
                    sums = new double[accumulator.width(value)];
                }
                accumulator.add(value, sums);
            }
            if (sums != null) {
                out.collect(sums);
            }
        }
    }
}
