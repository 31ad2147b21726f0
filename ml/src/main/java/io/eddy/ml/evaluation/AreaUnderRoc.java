package io.eddy.ml.evaluation;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.Order;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;

import java.util.List;

/**
 * The area under the ROC curve of scores for a binary problem, from {@code (true class 0/1, score)}
 * pairs: the probability that a random positive scores higher than a random negative, ties counting
 * one half (the Mann–Whitney statistic), exactly. The pairs are sorted by score in one subtask (the
 * sort spills to disk beyond its memory), which walks them once.
 */
public final class AreaUnderRoc {
    private AreaUnderRoc() {}

    public static double of(DataSet<Tuple2<Double, Double>> truthAndScore) throws Exception {
        List<Double> auc = truthAndScore.partitionCustom((key, partitions) -> 0, 1).sortPartition(1, Order.ASCENDING)
                .mapPartition(new WalkSorted()).returns(Types.DOUBLE).setParallelism(1).collect();
        return auc.get(0);
    }

    /** Walks the pairs by ascending score, a run of equal scores at a time. */
    private static final class WalkSorted implements GroupReduceFunction<Tuple2<Double, Double>, Double> {
        @Override
        public void reduce(Iterable<Tuple2<Double, Double>> values, Collector<Double> out) {
            double negativesBelow = 0;
            double positives = 0;
            double wins = 0;
            double runScore = Double.NaN;
            double runPositives = 0;
            double runNegatives = 0;
            for (Tuple2<Double, Double> p : values) {
                if (p.f0 != 0.0 && p.f0 != 1.0) {
                    throw new IllegalArgumentException("AUC needs classes 0 and 1, found " + p.f0);
                }
                if (p.f1.doubleValue() != runScore) {
                    wins += runPositives * (negativesBelow + runNegatives / 2);
                    negativesBelow += runNegatives;
                    positives += runPositives;
                    runScore = p.f1;
                    runPositives = 0;
                    runNegatives = 0;
                }
                if (p.f0 == 1.0) {
                    runPositives++;
                } else {
                    runNegatives++;
                }
            }
            wins += runPositives * (negativesBelow + runNegatives / 2);
            negativesBelow += runNegatives;
            positives += runPositives;
            if (positives == 0 || negativesBelow == 0) {
                throw new IllegalArgumentException("AUC needs both classes, found " + (long) positives + " positives and "
                        + (long) negativesBelow + " negatives");
            }
            out.collect(wins / (positives * negativesBelow));
        }
    }
}
