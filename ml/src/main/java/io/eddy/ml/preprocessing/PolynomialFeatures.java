package io.eddy.ml.preprocessing;

import io.eddy.api.dataset.DataSet;
import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.Vector;
import io.eddy.ml.pipeline.Estimator;
import io.eddy.ml.pipeline.Model;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.ml.pipeline.Param;
import io.eddy.ml.pipeline.Transformer;
import io.eddy.ml.pipeline.WithParams;

/**
 * Maps {@code x} of d features to all monomials of degree 1 to {@link #DEGREE}, ordered by degree and,
 * within a degree, as the combinations with replacement of the feature indices in lexicographic
 * order: {@code (x, y) → (x, y, x², xy, y²)} for degree 2. No bias column. Needs no fitting: it is
 * its own model.
 */
public final class PolynomialFeatures extends WithParams<PolynomialFeatures>
        implements Estimator<PolynomialFeatures>, Transformer, Model {
    private static final long serialVersionUID = 1L;

    public static final Param<Integer> DEGREE = Param.intParam("degree", "the highest degree of the monomials", 2,
            Param.atLeast(1));

    /** The index combinations for {@link #monomialsDimension}, computed at the first vector (each task has its own copy). */
    private transient int[][] monomials;
    private transient int monomialsDimension;

    @Override
    public PolynomialFeatures fit(DataSet<LabeledVector> training) {
        return this;
    }

    @Override
    public Vector transform(Vector features) {
        int d = features.size();
        if (monomials == null || monomialsDimension != d) {
            monomials = monomials(d, get(DEGREE));
            monomialsDimension = d;
        }
        double[] out = new double[monomials.length];
        for (int m = 0; m < out.length; m++) {
            double product = 1.0;
            for (int index : monomials[m]) {
                product *= features.get(index);
            }
            out[m] = product;
        }
        return new DenseVector(out);
    }

    /** The index tuples {@code i1 <= … <= ik} of every degree k from 1 to {@code degree}, in output order. */
    static int[][] monomials(int dimension, int degree) {
        java.util.List<int[]> all = new java.util.ArrayList<>();
        for (int k = 1; k <= degree; k++) {
            combinations(dimension, new int[k], 0, 0, all);
        }
        return all.toArray(new int[0][]);
    }

    private static void combinations(int dimension, int[] current, int position, int from, java.util.List<int[]> out) {
        if (position == current.length) {
            out.add(current.clone());
            return;
        }
        for (int i = from; i < dimension; i++) {
            current[position] = i;
            combinations(dimension, current, position + 1, i, out);
        }
    }

    @Override
    public void write(ModelFile file) {
        file.put("degree", Integer.toString(get(DEGREE)));
    }

    public static PolynomialFeatures read(ModelFile file) {
        return new PolynomialFeatures().set(DEGREE, Integer.parseInt(file.text("degree")));
    }
}
