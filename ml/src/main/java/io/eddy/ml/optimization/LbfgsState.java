package io.eddy.ml.optimization;

/**
 * The state of L-BFGS between two supersteps, one record: the accepted point {@code x} with its
 * objective {@code fx} and gradient {@code gx}, the search direction, the step being tried and the
 * point {@code trial = x + step·direction} whose objective the next superstep evaluates, and the last
 * (at most {@code memory}) curvature pairs {@code s = x_{k+1} − x_k}, {@code y = g_{k+1} − g_k},
 * oldest first, flat ({@code pairs × dim}).
 *
 * @param phase 0 before the first evaluation, 1 during a line search
 * @param done  true once the gradient norm is below the tolerance (or no step decreases the objective)
 */
public record LbfgsState(int phase, double[] x, double fx, double[] gx, double[] direction, double step, double[] trial,
                         double[] s, double[] y, int pairs, int accepted, boolean done) {

    public static LbfgsState start(double[] x0) {
        return new LbfgsState(0, x0, Double.NaN, new double[0], new double[0], 0, x0, new double[0], new double[0], 0, 0, false);
    }

    public double gradientNorm() {
        double sum = 0;
        for (double g : gx) {
            sum += g * g;
        }
        return Math.sqrt(sum);
    }
}
