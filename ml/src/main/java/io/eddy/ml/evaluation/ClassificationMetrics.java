package io.eddy.ml.evaluation;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.Types;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The confusion counts of class predictions, from {@code (true class, predicted class)} pairs, in
 * one job, and what follows from them: accuracy (correct / all) and, per class c, precision
 * (correct c / predicted c), recall (correct c / true c) and F1 (their harmonic mean); 0 where a
 * denominator is 0. For binary problems the positive class is 1.
 */
public final class ClassificationMetrics {
    private final Map<Double, Map<Double, Long>> confusion;
    private final long total;

    private ClassificationMetrics(Map<Double, Map<Double, Long>> confusion) {
        this.confusion = confusion;
        long n = 0;
        for (Map<Double, Long> row : confusion.values()) {
            for (long c : row.values()) {
                n += c;
            }
        }
        this.total = n;
    }

    public static ClassificationMetrics of(DataSet<Tuple2<Double, Double>> truthAndPrediction) throws Exception {
        List<Tuple3<Double, Double, Long>> counts = truthAndPrediction.mapPartition(new CountPairs())
                .returns(Types.TUPLE(Types.DOUBLE, Types.DOUBLE, Types.LONG)).collect();
        Map<Double, Map<Double, Long>> confusion = new TreeMap<>();
        for (Tuple3<Double, Double, Long> c : counts) {
            confusion.computeIfAbsent(c.f0, k -> new TreeMap<>()).merge(c.f1, c.f2, Long::sum);
        }
        if (confusion.isEmpty()) {
            throw new IllegalArgumentException("No predictions to evaluate: the test set is empty");
        }
        return new ClassificationMetrics(confusion);
    }

    public long count() {
        return total;
    }

    public long count(double truth, double predicted) {
        return confusion.getOrDefault(truth, Map.of()).getOrDefault(predicted, 0L);
    }

    /** Every class that occurs as a true or a predicted class, ascending. */
    public TreeSet<Double> classes() {
        TreeSet<Double> classes = new TreeSet<>(confusion.keySet());
        confusion.values().forEach(row -> classes.addAll(row.keySet()));
        return classes;
    }

    public double accuracy() {
        long correct = 0;
        for (double c : confusion.keySet()) {
            correct += count(c, c);
        }
        return (double) correct / total;
    }

    public double precision(double c) {
        long predicted = 0;
        for (double t : confusion.keySet()) {
            predicted += count(t, c);
        }
        return predicted == 0 ? 0.0 : (double) count(c, c) / predicted;
    }

    public double recall(double c) {
        long actual = 0;
        for (long n : confusion.getOrDefault(c, Map.of()).values()) {
            actual += n;
        }
        return actual == 0 ? 0.0 : (double) count(c, c) / actual;
    }

    public double f1(double c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    private static final class CountPairs implements GroupReduceFunction<Tuple2<Double, Double>, Tuple3<Double, Double, Long>> {
        @Override
        public void reduce(Iterable<Tuple2<Double, Double>> values, Collector<Tuple3<Double, Double, Long>> out) {
            Map<Tuple2<Double, Double>, long[]> counts = new HashMap<>();
            for (Tuple2<Double, Double> pair : values) {
                counts.computeIfAbsent(Tuple2.of(pair.f0, pair.f1), k -> new long[1])[0]++;
            }
            counts.forEach((pair, n) -> out.collect(Tuple3.of(pair.f0, pair.f1, n[0])));
        }
    }
}
