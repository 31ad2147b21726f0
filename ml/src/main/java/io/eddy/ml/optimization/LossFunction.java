package io.eddy.ml.optimization;

/** A loss of the margin {@code m = w·x + b} of one example with target {@code y}, and its derivative in m. */
public enum LossFunction {
    /** {@code log(1 + exp(−y·m))}, y ∈ {−1, +1}. */
    LOGISTIC {
        @Override
        public double loss(double m, double y) {
            double z = -y * m;
            return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        }

        @Override
        public double derivative(double m, double y) {
            double z = -y * m;
            // −y·σ(z), σ(z) = 1/(1 + e^−z), evaluated without overflow
            double sigma = z > 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
            return -y * sigma;
        }
    },
    /** {@code (m − y)² / 2}. */
    SQUARED {
        @Override
        public double loss(double m, double y) {
            double e = m - y;
            return e * e / 2;
        }

        @Override
        public double derivative(double m, double y) {
            return m - y;
        }
    };

    public abstract double loss(double m, double y);

    public abstract double derivative(double m, double y);
}
