package io.eddy.ml.tuning;

import io.eddy.api.dataset.DataSet;
import io.eddy.ml.evaluation.Metric;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.pipeline.Estimator;
import io.eddy.ml.pipeline.Param;
import io.eddy.ml.pipeline.Predictor;
import io.eddy.ml.pipeline.WithParams;
import io.eddy.ml.preprocessing.Splitter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * k-fold cross-validation over a parameter grid: for every combination of the grid's values, a
 * fresh estimator with those parameters is fitted on k − 1 folds and scored with the metric on the
 * remaining fold (see {@link Splitter#fold}), k times; the combination with the best mean score wins
 * (the first one of equal scores, in grid order). Each fit and each score is a job.
 */
public final class CrossValidation<E extends WithParams<E> & Estimator<? extends Predictor>> {
    private final Supplier<E> estimators;
    private final Map<Param<?>, List<?>> grid = new LinkedHashMap<>();
    private final Metric metric;
    private final int folds;
    private final long seed;

    public CrossValidation(Supplier<E> estimators, Metric metric, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("Cross-validation needs at least 2 folds, got " + folds);
        }
        this.estimators = estimators;
        this.metric = metric;
        this.folds = folds;
        this.seed = seed;
    }

    /** Adds a parameter to the grid with the values to try. */
    @SafeVarargs
    public final <T> CrossValidation<E> grid(Param<T> param, T... values) {
        for (T v : values) {
            param.validate(v);
        }
        grid.put(param, List.of(values));
        return this;
    }

    /** One combination of the grid and its mean score over the folds. */
    public record Score(Map<String, Object> params, double meanScore, double[] foldScores) {}

    /** Every combination's score, in grid order (the last parameter varies fastest). */
    public List<Score> evaluate(DataSet<LabeledVector> data) throws Exception {
        List<Score> scores = new ArrayList<>();
        for (Map<Param<?>, Object> combination : combinations()) {
            double[] foldScores = new double[folds];
            for (int f = 0; f < folds; f++) {
                E estimator = estimators.get();
                combination.forEach((p, v) -> set(estimator, p, v));
                Splitter.TrainTest split = Splitter.fold(data, folds, f, seed);
                Predictor model = estimator.fit(split.training());
                foldScores[f] = metric.compute(model.evaluate(split.test()));
            }
            double mean = 0;
            for (double s : foldScores) {
                mean += s / folds;
            }
            Map<String, Object> named = new LinkedHashMap<>();
            combination.forEach((p, v) -> named.put(p.name(), v));
            scores.add(new Score(named, mean, foldScores));
        }
        return scores;
    }

    /** The combination with the best mean score. */
    public Score best(DataSet<LabeledVector> data) throws Exception {
        Score best = null;
        for (Score s : evaluate(data)) {
            if (best == null || (metric.largerIsBetter() ? s.meanScore() > best.meanScore() : s.meanScore() < best.meanScore())) {
                best = s;
            }
        }
        return best;
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(WithParams<?> estimator, Param<T> param, Object value) {
        estimator.set(param, (T) value);
    }

    private List<Map<Param<?>, Object>> combinations() {
        List<Map<Param<?>, Object>> all = new ArrayList<>();
        all.add(new LinkedHashMap<>());
        for (Map.Entry<Param<?>, List<?>> axis : grid.entrySet()) {
            List<Map<Param<?>, Object>> next = new ArrayList<>();
            for (Map<Param<?>, Object> partial : all) {
                for (Object v : axis.getValue()) {
                    Map<Param<?>, Object> c = new LinkedHashMap<>(partial);
                    c.put(axis.getKey(), v);
                    next.add(c);
                }
            }
            all = next;
        }
        return all;
    }
}
