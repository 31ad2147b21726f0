package io.eddy.ml.regression;

import io.eddy.ml.linalg.Vector;
import io.eddy.ml.pipeline.Model;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.ml.pipeline.PointPredictor;

/**
 * {@code w · x + b}: the model of the linear learners. A regression model predicts that value; a
 * classifier ({@link #classifier}) predicts class 1 when it is positive, else 0. Saved as entries
 * {@code kind} ({@code regression}/{@code classifier}), {@code intercept} and {@code weights}.
 */
public final class LinearModel implements PointPredictor, Model {
    private static final long serialVersionUID = 1L;

    private final double[] weights;
    private final double intercept;
    private final boolean classifier;

    public LinearModel(double[] weights, double intercept, boolean classifier) {
        this.weights = weights;
        this.intercept = intercept;
        this.classifier = classifier;
    }

    public double[] weights() {
        return weights.clone();
    }

    public double intercept() {
        return intercept;
    }

    public boolean classifier() {
        return classifier;
    }

    /** {@code w · x + b}. */
    public double margin(Vector features) {
        if (features.size() != weights.length) {
            throw new IllegalArgumentException("The model has " + weights.length + " weights, the vector has "
                    + features.size() + " features");
        }
        return features.dot(weights) + intercept;
    }

    @Override
    public double predict(Vector features) {
        double m = margin(features);
        return classifier ? (m > 0 ? 1.0 : 0.0) : m;
    }

    /** {@code intercept<TAB>b}, then one {@code <index><TAB>w} line per feature: the command line's output. */
    public String toTable() {
        StringBuilder b = new StringBuilder("intercept\t").append(intercept).append('\n');
        for (int i = 0; i < weights.length; i++) {
            b.append(i).append('\t').append(weights[i]).append('\n');
        }
        return b.toString();
    }

    @Override
    public void write(ModelFile file) {
        file.put("kind", classifier ? "classifier" : "regression").put("intercept", intercept).put("weights", weights);
    }

    public static LinearModel read(ModelFile file) {
        return new LinearModel(file.numbers("weights"), file.number("intercept"), file.text("kind").equals("classifier"));
    }
}
