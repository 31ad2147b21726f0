package io.eddy.ml.classification;

import io.eddy.ml.linalg.Vector;
import io.eddy.ml.pipeline.Model;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.ml.pipeline.PointPredictor;

/**
 * The classes (ascending), their log priors and per-feature log likelihoods learned by
 * {@link NaiveBayes}. Saved as entries {@code classes}, {@code log-priors} and one
 * {@code log-likelihoods} line per class.
 */
public final class NaiveBayesModel implements PointPredictor, Model {
    private static final long serialVersionUID = 1L;

    private final double[] classes;
    private final double[] logPriors;
    private final double[][] logLikelihoods;

    public NaiveBayesModel(double[] classes, double[] logPriors, double[][] logLikelihoods) {
        this.classes = classes;
        this.logPriors = logPriors;
        this.logLikelihoods = logLikelihoods;
    }

    public double[] classes() {
        return classes.clone();
    }

    public double[] logPriors() {
        return logPriors.clone();
    }

    public double[] logLikelihoods(int classIndex) {
        return logLikelihoods[classIndex].clone();
    }

    @Override
    public double predict(Vector x) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes.length; c++) {
            double[] ll = logLikelihoods[c];
            if (x.size() != ll.length) {
                throw new IllegalArgumentException("The model has " + ll.length + " features, the vector has " + x.size());
            }
            double score = logPriors[c];
            for (int k = 0; k < x.numStored(); k++) {
                score += x.storedValue(k) * ll[x.storedIndex(k)];
            }
            // strictly greater: ties keep the smaller class
            if (best < 0 || score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return classes[best];
    }

    @Override
    public void write(ModelFile file) {
        file.put("classes", classes).put("log-priors", logPriors);
        for (double[] ll : logLikelihoods) {
            file.put("log-likelihoods", ll);
        }
    }

    public static NaiveBayesModel read(ModelFile file) {
        java.util.List<String> rows = file.all("log-likelihoods");
        double[][] ll = new double[rows.size()][];
        for (int c = 0; c < ll.length; c++) {
            ll[c] = ModelFile.parseNumbers(rows.get(c));
        }
        return new NaiveBayesModel(file.numbers("classes"), file.numbers("log-priors"), ll);
    }
}
