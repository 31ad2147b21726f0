package io.eddy.ml.preprocessing;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.FilterFunction;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.statistics.SeededHash;

/**
 * Seeded train/test splits and k folds. Where a record goes is a function of its content (label and
 * features) and the seed alone: {@code u = SeededHash.unit(seed, hash(record))}, test when
 * {@code u < testFraction}, and fold {@code floor(u · k)}. So a split is the same at any parallelism
 * and in any record order; equal records always land on the same side.
 */
public final class Splitter {
    private Splitter() {}

    public record TrainTest(DataSet<LabeledVector> training, DataSet<LabeledVector> test) {}

    public static TrainTest trainTestSplit(DataSet<LabeledVector> data, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("The test fraction must be between 0 and 1 (exclusive), got " + testFraction);
        }
        return new TrainTest(data.filter(new InRange(seed, testFraction, 1.0)), data.filter(new InRange(seed, 0.0, testFraction)));
    }

    /** Fold {@code fold} (0-based) of {@code folds} as the test set, the other folds as training set. */
    public static TrainTest fold(DataSet<LabeledVector> data, int folds, int fold, long seed) {
        if (folds < 2 || fold < 0 || fold >= folds) {
            throw new IllegalArgumentException("Cross-validation needs at least 2 folds and a fold in [0, folds): got fold "
                    + fold + " of " + folds);
        }
        double low = (double) fold / folds;
        double high = (double) (fold + 1) / folds;
        return new TrainTest(data.filter(new OutOfRange(seed, low, high)), data.filter(new InRange(seed, low, high)));
    }

    /** {@code u(record)} in [0, 1): see the class comment. */
    static double unit(LabeledVector record, long seed) {
        return SeededHash.unit(seed, record.features().contentHash() ^ SeededHash.mix64(Double.doubleToLongBits(record.label())));
    }

    private record InRange(long seed, double low, double high) implements FilterFunction<LabeledVector> {
        @Override
        public boolean filter(LabeledVector record) {
            double u = unit(record, seed);
            return u >= low && u < high;
        }
    }

    private record OutOfRange(long seed, double low, double high) implements FilterFunction<LabeledVector> {
        @Override
        public boolean filter(LabeledVector record) {
            double u = unit(record, seed);
            return u < low || u >= high;
        }
    }
}
