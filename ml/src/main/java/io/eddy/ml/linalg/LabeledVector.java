package io.eddy.ml.linalg;

import java.io.Serializable;
import java.util.Objects;

/**
 * A feature vector with its label: the class (0, 1, … for classifiers) or the target value (for
 * regression). Data without labels (read with {@code --no-label}) carries {@link Double#NaN}.
 */
public final class LabeledVector implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double label;
    private final Vector features;

    public LabeledVector(double label, Vector features) {
        this.label = label;
        this.features = features;
    }

    public double label() {
        return label;
    }

    public Vector features() {
        return features;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabeledVector l && Double.compare(l.label, label) == 0 && l.features.equals(features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, features);
    }

    @Override
    public String toString() {
        return label + " " + features;
    }
}
