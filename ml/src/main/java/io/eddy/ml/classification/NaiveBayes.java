package io.eddy.ml.classification;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.Vector;
import io.eddy.ml.pipeline.Estimator;
import io.eddy.ml.pipeline.Param;
import io.eddy.ml.pipeline.WithParams;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Multinomial naive Bayes over non-negative feature counts. With {@code n_c} training vectors of
 * class c among n, and {@code F_cj} the sum of feature j over them, the model scores
 * <pre>  score_c(x) = log(n_c / n) + Σ_j x_j · log((F_cj + α) / (Σ_j' F_cj' + α·d))</pre>
 * and predicts the class of the highest score, ties to the smaller class. One job sums
 * {@code n_c} and {@code F_c} per class and partition; the client adds them.
 */
public final class NaiveBayes extends WithParams<NaiveBayes> implements Estimator<NaiveBayesModel> {
    private static final long serialVersionUID = 1L;

    public static final Param<Double> SMOOTHING = Param.doubleParam("smoothing",
            "additive (Laplace/Lidstone) smoothing α of the feature counts", 1.0, Param.greaterThan(0.0));

    @Override
    public NaiveBayesModel fit(DataSet<LabeledVector> training) throws Exception {
        Map<Double, double[]> perClass = new TreeMap<>();
        for (Tuple2<Double, double[]> p : training.mapPartition(new ClassSums())
                .returns(Types.TUPLE(Types.DOUBLE, Types.DOUBLE_ARRAY)).collect()) {
            double[] sums = perClass.get(p.f0);
            if (sums == null) {
                perClass.put(p.f0, p.f1);
            } else if (sums.length != p.f1.length) {
                throw new IllegalArgumentException("Vectors of different dimensions in the training set: "
                        + (sums.length - 1) + " and " + (p.f1.length - 1));
            } else {
                for (int j = 0; j < sums.length; j++) {
                    sums[j] += p.f1[j];
                }
            }
        }
        if (perClass.isEmpty()) {
            throw new IllegalArgumentException("The training set is empty");
        }
        double alpha = get(SMOOTHING);
        double n = 0;
        for (double[] sums : perClass.values()) {
            n += sums[0];
        }
        double[] classes = new double[perClass.size()];
        double[] logPriors = new double[classes.length];
        double[][] logLikelihoods = new double[classes.length][];
        int c = 0;
        for (Map.Entry<Double, double[]> e : perClass.entrySet()) {
            double[] sums = e.getValue();
            int d = sums.length - 1;
            double total = 0;
            for (int j = 1; j <= d; j++) {
                total += sums[j];
            }
            classes[c] = e.getKey();
            logPriors[c] = Math.log(sums[0] / n);
            logLikelihoods[c] = new double[d];
            for (int j = 0; j < d; j++) {
                logLikelihoods[c][j] = Math.log((sums[j + 1] + alpha) / (total + alpha * d));
            }
            c++;
        }
        return new NaiveBayesModel(classes, logPriors, logLikelihoods);
    }

    /** Per class seen in the partition: {@code (class, [n_c, F_c1, …, F_cd])}. */
    private static final class ClassSums implements GroupReduceFunction<LabeledVector, Tuple2<Double, double[]>> {
        @Override
        public void reduce(Iterable<LabeledVector> values, Collector<Tuple2<Double, double[]>> out) {
            Map<Double, double[]> sums = new HashMap<>();
            for (LabeledVector lv : values) {
                Vector x = lv.features();
                double[] s = sums.computeIfAbsent(lv.label(), k -> new double[x.size() + 1]);
                if (s.length != x.size() + 1) {
                    throw new IllegalArgumentException("Vectors of different dimensions in the training set: "
                            + (s.length - 1) + " and " + x.size());
                }
                s[0]++;
                for (int k = 0; k < x.numStored(); k++) {
                    double v = x.storedValue(k);
                    if (v < 0) {
                        throw new IllegalArgumentException("Multinomial naive Bayes needs non-negative feature counts, found "
                                + v + " in feature " + x.storedIndex(k));
                    }
                    s[x.storedIndex(k) + 1] += v;
                }
            }
            sums.forEach((label, s) -> out.collect(Tuple2.of(label, s)));
        }
    }
}
