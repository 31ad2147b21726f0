package io.eddy.ml.regression;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.types.Types;
import io.eddy.ml.io.HadoopPaths;
import io.eddy.ml.linalg.Vector;
import io.eddy.ml.pipeline.Model;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.ml.pipeline.PointPredictor;

import java.io.BufferedWriter;
import java.io.IOException;
import java.util.List;

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

    /**
     * Writes the model that {@code model} holds (one record, as a learner's {@code train} gives it) where the
     * cluster runs, on any file system: {@link #toTable()} to {@code tableFile} and the model to each of
     * {@code modelFiles}. Collecting the data set it returns (the number of weights) runs the job.
     */
    public static DataSet<Integer> writeFiles(DataSet<LinearModel> model, String tableFile, List<String> modelFiles) {
        return model.map(new WriteFiles(tableFile, modelFiles)).returns(Types.INT).setParallelism(1).name("write the model");
    }

    private record WriteFiles(String tableFile, List<String> modelFiles) implements MapFunction<LinearModel, Integer> {
        @Override
        public Integer map(LinearModel model) throws IOException {
            try (BufferedWriter table = HadoopPaths.createText(tableFile)) {
                table.write(model.toTable());
            }
            for (String file : modelFiles) {
                model.save(file);
            }
            return model.weights.length;
        }
    }

    public static LinearModel read(ModelFile file) {
        return new LinearModel(file.numbers("weights"), file.number("intercept"), file.text("kind").equals("classifier"));
    }
}
