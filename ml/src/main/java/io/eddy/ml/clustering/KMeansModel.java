package io.eddy.ml.clustering;

import io.eddy.ml.linalg.Vector;
import io.eddy.ml.pipeline.Model;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.ml.pipeline.PointPredictor;

/**
 * The k centroids (in the order of the initial centroids) and the final cost of {@link KMeans}; it
 * predicts the index of the nearest centroid (squared Euclidean distance, ties to the lower index).
 * Saved as one {@code centroid} entry per centroid and a {@code cost} entry.
 */
public final class KMeansModel implements PointPredictor, Model {
    private static final long serialVersionUID = 1L;

    private final double[][] centroids;
    private final double cost;

    public KMeansModel(double[][] centroids, double cost) {
        this.centroids = centroids;
        this.cost = cost;
    }

    public double[][] centroids() {
        double[][] copy = new double[centroids.length][];
        for (int c = 0; c < copy.length; c++) {
            copy[c] = centroids[c].clone();
        }
        return copy;
    }

    /** The sum over the training points of the squared distance to their nearest final centroid. */
    public double cost() {
        return cost;
    }

    @Override
    public double predict(Vector x) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double d = x.squaredDistance(centroids[c]);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    @Override
    public void write(ModelFile file) {
        for (double[] c : centroids) {
            file.put("centroid", c);
        }
        file.put("cost", cost);
    }

    public static KMeansModel read(ModelFile file) {
        java.util.List<String> rows = file.all("centroid");
        double[][] centroids = new double[rows.size()][];
        for (int c = 0; c < centroids.length; c++) {
            centroids[c] = ModelFile.parseNumbers(rows.get(c));
        }
        return new KMeansModel(centroids, file.number("cost"));
    }
}
