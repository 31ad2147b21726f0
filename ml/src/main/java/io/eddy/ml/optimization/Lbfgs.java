package io.eddy.ml.optimization;

import java.util.Arrays;

/**
 * The L-BFGS update (Nocedal and Wright, algorithms 7.4 and 7.5) as a function of one evaluation:
 * given the state and the objective and gradient at its trial point, the next state. A backtracking
 * line search halves the step until the Armijo condition {@code f(x + αp) ≤ f(x) + 10⁻⁴·α·∇f·p}
 * holds; a curvature pair is kept only when {@code s·y > 0}, so the inverse Hessian approximation
 * stays positive definite. The state is done when {@code ‖∇f(x)‖ < tolerance}, or when the step has
 * shrunk below 10⁻²⁰ without decrease (the objective is then as small as doubles can tell).
 */
public final class Lbfgs implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final double ARMIJO = 1e-4;
    private final int memory;
    private final double tolerance;

    public Lbfgs(int memory, double tolerance) {
        this.memory = memory;
        this.tolerance = tolerance;
    }

    public LbfgsState next(LbfgsState state, double f, double[] g) {
        if (state.done()) {
            return state;
        }
        if (state.phase() == 0) {
            return accept(state, state.trial(), f, g, state.s(), state.y(), state.pairs());
        }
        double decrease = 0;
        for (int i = 0; i < g.length; i++) {
            decrease += state.gx()[i] * state.direction()[i];
        }
        if (f <= state.fx() + ARMIJO * state.step() * decrease) {
            int dim = g.length;
            double[] s = new double[dim];
            double[] y = new double[dim];
            double sy = 0;
            for (int i = 0; i < dim; i++) {
                s[i] = state.trial()[i] - state.x()[i];
                y[i] = g[i] - state.gx()[i];
                sy += s[i] * y[i];
            }
            double[] sHistory = state.s();
            double[] yHistory = state.y();
            int pairs = state.pairs();
            if (sy > 0) {
                int keep = Math.min(pairs, memory - 1);
                sHistory = append(Arrays.copyOfRange(sHistory, (pairs - keep) * dim, pairs * dim), s);
                yHistory = append(Arrays.copyOfRange(yHistory, (pairs - keep) * dim, pairs * dim), y);
                pairs = keep + 1;
            }
            return accept(state, state.trial(), f, g, sHistory, yHistory, pairs);
        }
        double step = state.step() / 2;
        if (step < 1e-20) {
            return new LbfgsState(1, state.x(), state.fx(), state.gx(), state.direction(), step, state.x(), state.s(),
                    state.y(), state.pairs(), state.accepted(), true);
        }
        return new LbfgsState(1, state.x(), state.fx(), state.gx(), state.direction(), step, axpy(state.x(), step,
                state.direction()), state.s(), state.y(), state.pairs(), state.accepted(), false);
    }

    private LbfgsState accept(LbfgsState state, double[] x, double f, double[] g, double[] s, double[] y, int pairs) {
        double norm = 0;
        for (double v : g) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        int accepted = state.accepted() + (state.phase() == 0 ? 0 : 1);
        if (norm < tolerance) {
            return new LbfgsState(1, x, f, g, new double[0], 0, x, s, y, pairs, accepted, true);
        }
        double[] direction = direction(g, s, y, pairs);
        // the first step (no curvature known yet) is scaled to length 1
        double step = pairs == 0 ? Math.min(1.0, 1.0 / norm) : 1.0;
        return new LbfgsState(1, x, f, g, direction, step, axpy(x, step, direction), s, y, pairs, accepted, false);
    }

    /** {@code −H·g} by the two-loop recursion, {@code H₀ = (s·y / y·y)·I} from the newest pair. */
    static double[] direction(double[] g, double[] s, double[] y, int pairs) {
        int dim = g.length;
        double[] q = g.clone();
        double[] alpha = new double[pairs];
        double[] rho = new double[pairs];
        for (int k = pairs - 1; k >= 0; k--) {
            rho[k] = 1 / dot(s, k * dim, y, k * dim, dim);
            alpha[k] = rho[k] * dot(s, k * dim, q, 0, dim);
            for (int i = 0; i < dim; i++) {
                q[i] -= alpha[k] * y[k * dim + i];
            }
        }
        if (pairs > 0) {
            int last = (pairs - 1) * dim;
            double gamma = dot(s, last, y, last, dim) / dot(y, last, y, last, dim);
            for (int i = 0; i < dim; i++) {
                q[i] *= gamma;
            }
        }
        for (int k = 0; k < pairs; k++) {
            double beta = rho[k] * dot(y, k * dim, q, 0, dim);
            for (int i = 0; i < dim; i++) {
                q[i] += s[k * dim + i] * (alpha[k] - beta);
            }
        }
        for (int i = 0; i < dim; i++) {
            q[i] = -q[i];
        }
        return q;
    }

    private static double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a[aFrom + i] * b[bFrom + i];
        }
        return sum;
    }

    private static double[] axpy(double[] x, double a, double[] p) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + a * p[i];
        }
        return out;
    }

    private static double[] append(double[] history, double[] pair) {
        double[] out = Arrays.copyOf(history, history.length + pair.length);
        System.arraycopy(pair, 0, out, history.length, pair.length);
        return out;
    }
}
