package io.eddy.ml.linalg;

import java.io.Serializable;

/**
 * A vector of doubles of a fixed {@link #size()}: {@link DenseVector} stores every entry,
 * {@link SparseVector} only the non-zero ones. The operations the algorithms need are here so that
 * they run without converting a sparse vector to a dense one: the dot product with a dense weight
 * array and the scaled addition into one.
 *
 * <p>Vectors are mutable only through their {@link DenseVector#values()} array; the library never
 * changes a vector it was given.
 */
public interface Vector extends Serializable {
    int size();

    double get(int index);

    /** {@code this · weights}; {@code weights} has at least {@link #size()} entries. */
    double dot(double[] weights);

    /** {@code target += scale * this}. */
    void addTo(double[] target, double scale);

    /** The number of stored entries: {@code size()} for dense vectors, the non-zeros for sparse ones. */
    int numStored();

    /** The index of stored entry {@code k}, {@code 0 <= k < numStored()}. */
    int storedIndex(int k);

    /** The value of stored entry {@code k}. */
    double storedValue(int k);

    /** A dense copy. */
    default DenseVector toDense() {
        double[] values = new double[size()];
        addTo(values, 1.0);
        return new DenseVector(values);
    }

    /** {@code ‖this − other‖²}; {@code other} has the same size. */
    default double squaredDistance(double[] other) {
        double sum = 0;
        int k = 0;
        int stored = numStored();
        for (int i = 0; i < other.length; i++) {
            double x = 0;
            if (k < stored && storedIndex(k) == i) {
                x = storedValue(k++);
            }
            double d = x - other[i];
            sum += d * d;
        }
        return sum;
    }

    /**
     * A hash of the stored entries (indices and values, in order), the same in every JVM: the seeded
     * choices of the library (splits, random initial centroids) are functions of it, so they do not
     * depend on the parallelism or the order of the records.
     */
    default long contentHash() {
        long h = 0x9E3779B97F4A7C15L;
        for (int k = 0; k < numStored(); k++) {
            h = (h ^ storedIndex(k)) * 0x100000001B3L;
            h = (h ^ Double.doubleToLongBits(storedValue(k))) * 0x100000001B3L;
        }
        return h;
    }

    default double squaredNorm() {
        double sum = 0;
        for (int k = 0; k < numStored(); k++) {
            double v = storedValue(k);
            sum += v * v;
        }
        return sum;
    }
}
