package io.eddy.ml.preprocessing;

import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.Vector;
import io.eddy.ml.pipeline.Model;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.ml.pipeline.Transformer;

/**
 * Feature j becomes {@code (x_j − offset_j) / scale_j}: the model of {@link StandardScaler} (offset
 * the mean, scale the standard deviation) and {@link MinMaxScaler} (offset the minimum, scale the
 * range). The output is dense. Saved as entries {@code offset} and {@code scale}.
 */
public final class AffineScalerModel implements Transformer, Model {
    private static final long serialVersionUID = 1L;

    private final double[] offset;
    private final double[] scale;

    public AffineScalerModel(double[] offset, double[] scale) {
        if (offset.length != scale.length) {
            throw new IllegalArgumentException("offset and scale differ in length: " + offset.length + ", " + scale.length);
        }
        this.offset = offset;
        this.scale = scale;
    }

    public double[] offset() {
        return offset.clone();
    }

    public double[] scale() {
        return scale.clone();
    }

    @Override
    public Vector transform(Vector features) {
        if (features.size() != offset.length) {
            throw new IllegalArgumentException("The scaler was fitted on " + offset.length + " features, this vector has "
                    + features.size());
        }
        double[] out = new double[offset.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (features.get(j) - offset[j]) / scale[j];
        }
        return new DenseVector(out);
    }

    @Override
    public void write(ModelFile file) {
        file.put("offset", offset).put("scale", scale);
    }

    public static AffineScalerModel read(ModelFile file) {
        return new AffineScalerModel(file.numbers("offset"), file.numbers("scale"));
    }
}
