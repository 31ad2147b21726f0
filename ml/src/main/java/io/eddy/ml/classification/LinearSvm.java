package io.eddy.ml.classification;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichFlatMapFunction;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.optimization.OneGroup;
import io.eddy.ml.pipeline.Estimator;
import io.eddy.ml.pipeline.Param;
import io.eddy.ml.pipeline.WithParams;
import io.eddy.ml.regression.LinearModel;
import io.eddy.ml.statistics.SeededHash;

import java.util.List;

/**
 * Soft-margin linear support vector machine. Labels 1 are read as y = +1, every other label as −1;
 * it minimises
 * <pre>  P(w, b) = (λ/2)·‖w‖² + (1/n)·Σ max(0, 1 − yᵢ(w·xᵢ + b))</pre>
 * (the intercept b is not penalised, the features are not scaled). The model predicts class 1 where
 * {@code w·x + b > 0}, else 0.
 *
 * <p><b>Algorithm.</b> For a fixed intercept b, P(·, b) has the dual
 * D_b(α) = (1/n)·Σ αᵢcᵢ − (λ/2)·‖w(α)‖², with cᵢ = 1 − yᵢb, 0 ≤ αᵢ ≤ 1 and
 * w(α) = (1/λn)·Σ αᵢyᵢxᵢ. It is maximised by CoCoA+ (Ma et al. 2015, the distributed dual coordinate
 * ascent of Flink ML's SVM): each round, every block (one per partition of the training set) runs
 * {@link #LOCAL_PASSES} passes of SDCA over its points (in a seeded random order) on its local
 * subproblem with σ′ = K blocks, and the K updates of w are added. The round also measures, at the
 * round's starting point, the duality gap P(w, b) − D_b(α) and F′(b) = −(1/n)·Σ αᵢyᵢ, the derivative of
 * the convex F(b) = min_w P(w, b). Once the gap is below a tenth of |F′(b)| times the intended move of
 * b (or below {@link #TOLERANCE}), b moves against the sign of F′: outwards (steps 1, 2, 4, …) until
 * F′ changes sign, then by bisection of that bracket, keeping α (a warm start). Training ends when the
 * gap is within the tolerance and |F′(b)| or the bracket is too, so P is within about 2·tolerance of
 * its minimum; or after {@link #ITERATIONS} rounds.
 *
 * <p>One job: a native bulk iteration whose partial solution is the K blocks with their dual variables
 * and one state record (w, b, the bracket); the state reaches the blocks' tasks as a broadcast set, and
 * one task ({@link OneGroup}) adds the blocks' updates into the next state.
 */
public final class LinearSvm extends WithParams<LinearSvm> implements Estimator<LinearModel> {
    private static final long serialVersionUID = 1L;

    public static final Param<Double> LAMBDA = Param.doubleParam("lambda", "L2 penalty λ of the weights", 0.01,
            Param.greaterThan(0.0));
    public static final Param<Double> TOLERANCE = Param.doubleParam("tolerance",
            "largest duality gap (and intercept bracket) at the end", 1e-5, Param.greaterThan(0.0));
    public static final Param<Integer> ITERATIONS = Param.intParam("iterations", "the most CoCoA rounds (supersteps)",
            10000, Param.atLeast(1));
    public static final Param<Integer> LOCAL_PASSES = Param.intParam("local-passes",
            "SDCA passes over its points each block makes per round", 1, Param.atLeast(1));
    public static final Param<Long> SEED = Param.longParam("seed", "seed of the blocks' visiting orders", 0L);

    private static final String STATE = "state";

    /**
     * The training state between rounds.
     *
     * @param w      the weights, w(α)
     * @param lo     largest intercept known to have F′ < 0 (−∞ while unknown)
     * @param hi     smallest intercept known to have F′ > 0 (+∞ while unknown)
     * @param step   the next outward move of b while the bracket is open
     * @param blocks K, the number of blocks
     * @param gap    the duality gap measured at the last round's start
     */
    public record SvmState(double[] w, double b, double lo, double hi, double step, long n, int blocks, int round,
                           double gap, boolean done) {}

    /** One record of the iteration: a block, the state, or a block's round result (exactly one is set). */
    public record CocoaRecord(SvmBlock block, SvmState state, double[] roundSums) {}

    @Override
    public LinearModel fit(DataSet<LabeledVector> training) throws Exception {
        return train(training).collect().get(0);
    }

    /**
     * The trained model as the cluster holds it, one record: for a program that writes it where it is
     * ({@link LinearModel#writeFiles}) instead of collecting it with {@link #fit}.
     */
    public DataSet<LinearModel> train(DataSet<LabeledVector> training) {
        TypeInfo<CocoaRecord> type = TypeExtractor.forClass(CocoaRecord.class);
        DataSet<CocoaRecord> blocks = training.mapPartition(new BuildBlock()).returns(type).name("SVM blocks");
        DataSet<CocoaRecord> start = OneGroup.keyed(blocks.map(new BlockShape()).returns(io.eddy.api.types.Types.DOUBLE_ARRAY),
                        io.eddy.api.types.Types.DOUBLE_ARRAY)
                .groupBy(0).reduceGroup(new InitialState()).returns(type);
        IterativeDataSet<CocoaRecord> loop = blocks.union(start).iterate(get(ITERATIONS))
                .name("CoCoA rounds");
        DataSet<CocoaRecord> state = loop.filter(new IsState()).name("SVM state");
        DataSet<CocoaRecord> worked = loop.filter(new IsBlock()).flatMap(new LocalSdca(get(LAMBDA), get(LOCAL_PASSES), get(SEED)))
                .returns(type).name("local SDCA").withBroadcastSet(state, STATE);
        DataSet<CocoaRecord> nextState = OneGroup.keyed(worked.filter(new IsRoundSums()), type).groupBy(0)
                .reduceGroup(new Combine(get(LAMBDA), get(TOLERANCE))).returns(type).name("CoCoA combine")
                .withBroadcastSet(state, STATE);
        DataSet<CocoaRecord> next = worked.filter(new IsBlock()).union(nextState);
        return loop.closeWith(next, nextState.filter(new NotDone())).filter(new IsState()).map(new ToModel())
                .returns(TypeExtractor.forClass(LinearModel.class)).name("SVM model");
    }

    private static final class ToModel implements MapFunction<CocoaRecord, LinearModel> {
        @Override
        public LinearModel map(CocoaRecord last) {
            return new LinearModel(last.state().w(), last.state().b(), true);
        }
    }

    // ---------------------------------------------------------------- set-up

    private static final class BuildBlock extends RichGroupReduceFunction<LabeledVector, CocoaRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<LabeledVector> points, Collector<CocoaRecord> out) {
            SvmBlock.Builder builder = new SvmBlock.Builder();
            for (LabeledVector p : points) {
                builder.add(p.label(), p.features());
            }
            out.collect(new CocoaRecord(builder.build(getRuntimeContext().getIndexOfThisSubtask()), null, null));
        }
    }

    /** {@code [rows, dimension]} of a block. */
    private static final class BlockShape implements MapFunction<CocoaRecord, double[]> {
        @Override
        public double[] map(CocoaRecord r) {
            return new double[] {r.block().rows(), r.block().dimension()};
        }
    }

    private static final class InitialState extends RichGroupReduceFunction<Tuple2<Integer, double[]>, CocoaRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<Tuple2<Integer, double[]>> shapes, Collector<CocoaRecord> out) {
            long n = 0;
            int blocks = 0;
            int d = -1;
            for (Tuple2<Integer, double[]> s : shapes) {
                blocks++;
                n += (long) s.f1[0];
                if (s.f1[0] > 0) {
                    if (d >= 0 && d != (int) s.f1[1]) {
                        throw new IllegalArgumentException("Vectors of different dimensions in the training set: " + d
                                + " and " + (int) s.f1[1]);
                    }
                    d = (int) s.f1[1];
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException("The training set is empty");
            }
            out.collect(new CocoaRecord(null, new SvmState(new double[d], 0, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, 1, n, blocks, 0, Double.NaN, false), null));
        }
    }

    private static final class IsState implements FilterFunction<CocoaRecord> {
        @Override
        public boolean filter(CocoaRecord r) {
            return r.state() != null;
        }
    }

    private static final class IsBlock implements FilterFunction<CocoaRecord> {
        @Override
        public boolean filter(CocoaRecord r) {
            return r.block() != null;
        }
    }

    private static final class IsRoundSums implements FilterFunction<CocoaRecord> {
        @Override
        public boolean filter(CocoaRecord r) {
            return r.roundSums() != null;
        }
    }

    private static final class NotDone implements FilterFunction<CocoaRecord> {
        @Override
        public boolean filter(CocoaRecord r) {
            return !r.state().done();
        }
    }

    // ---------------------------------------------------------------- one round

    /** Index of the block's round sums: Σ hinge at the round's start, Σ αᵢcᵢ, Σ αᵢyᵢ, then Δw. */
    private static final int HINGE = 0;
    private static final int ALPHA_C = 1;
    private static final int ALPHA_Y = 2;
    private static final int DELTA_W = 3;
    /**
     * b moves once the gap is below this fraction of the objective change the move may bring,
     * |F′(b)|·(the move): the sign of F′ is then clear long before the gap reaches the tolerance.
     */
    private static final double MOVE_GAP = 0.1;

    /**
     * Measures the block's part of the gap and of F′ at the round's start, then runs SDCA on the
     * CoCoA+ local subproblem; emits the block with its new dual variables and its round sums.
     */
    private static final class LocalSdca extends RichFlatMapFunction<CocoaRecord, CocoaRecord> {
        private static final long serialVersionUID = 1L;
        private final double lambda;
        private final int passes;
        private final long seed;

        LocalSdca(double lambda, int passes, long seed) {
            this.lambda = lambda;
            this.passes = passes;
            this.seed = seed;
        }

        @Override
        public void flatMap(CocoaRecord record, Collector<CocoaRecord> out) {
            SvmState state = getRuntimeContext().<CocoaRecord>getBroadcastVariable(STATE).get(0).state();
            SvmBlock block = record.block();
            double[] w = state.w();
            int d = w.length;
            double b = state.b();
            double lambdaN = lambda * state.n();
            double sigma = state.blocks();
            double[] alpha = block.alpha().clone();
            double[] sums = new double[DELTA_W + d];
            for (int i = 0; i < block.rows(); i++) {
                double y = block.labels()[i];
                sums[HINGE] += Math.max(0, 1 - y * (block.dot(i, w) + b));
                sums[ALPHA_C] += alpha[i] * (1 - y * b);
                sums[ALPHA_Y] += alpha[i] * y;
            }
            double[] local = w.clone();
            int[] order = new int[block.rows()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            long roundSeed = SeededHash.mix64(seed ^ SeededHash.mix64(((long) state.round() << 32) | block.id()));
            java.util.SplittableRandom random = new java.util.SplittableRandom(roundSeed);
            for (int pass = 0; pass < passes; pass++) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                for (int i : order) {
                    double y = block.labels()[i];
                    double c = 1 - y * b;
                    double xx = block.normSquared(i);
                    double next = xx == 0 ? (c > 0 ? 1 : c < 0 ? 0 : alpha[i])
                            : Math.min(1, Math.max(0, alpha[i] + lambdaN * (c - y * block.dot(i, local)) / (sigma * xx)));
                    double delta = next - alpha[i];
                    if (delta != 0) {
                        alpha[i] = next;
                        block.addTo(i, local, sigma * delta * y / lambdaN);
                        double scale = delta * y / lambdaN;
                        for (int e = block.start()[i]; e < block.start()[i + 1]; e++) {
                            sums[DELTA_W + block.indices()[e]] += scale * block.values()[e];
                        }
                    }
                }
            }
            out.collect(new CocoaRecord(block.withAlpha(alpha), null, null));
            out.collect(new CocoaRecord(null, null, sums));
        }
    }

    /** Adds the blocks' round sums: the gap and F′ at the round's start decide b; the updates make the next w. */
    private static final class Combine extends RichGroupReduceFunction<Tuple2<Integer, CocoaRecord>, CocoaRecord> {
        private static final long serialVersionUID = 1L;
        private final double lambda;
        private final double tolerance;

        Combine(double lambda, double tolerance) {
            this.lambda = lambda;
            this.tolerance = tolerance;
        }

        @Override
        public void reduce(Iterable<Tuple2<Integer, CocoaRecord>> partials, Collector<CocoaRecord> out) {
            SvmState s = getRuntimeContext().<CocoaRecord>getBroadcastVariable(STATE).get(0).state();
            double[] sums = null;
            for (Tuple2<Integer, CocoaRecord> p : partials) {
                double[] part = p.f1.roundSums();
                if (sums == null) {
                    sums = part.clone();
                } else {
                    for (int i = 0; i < sums.length; i++) {
                        sums[i] += part[i];
                    }
                }
            }
            double n = s.n();
            double wNorm = 0;
            for (double v : s.w()) {
                wNorm += v * v;
            }
            double gap = (sums[HINGE] - sums[ALPHA_C]) / n + lambda * wNorm;
            double b = s.b();
            double lo = s.lo();
            double hi = s.hi();
            double step = s.step();
            boolean done = false;
            double slope = -sums[ALPHA_Y] / n;
            boolean open = lo == Double.NEGATIVE_INFINITY || hi == Double.POSITIVE_INFINITY;
            double move = open ? step : (hi - lo) / 2;
            if (gap <= tolerance && (Math.abs(slope) <= tolerance || hi - lo <= tolerance)) {
                done = true;
            } else if (gap <= Math.max(tolerance, MOVE_GAP * Math.abs(slope) * move)) {
                if (slope < 0) {
                    lo = b;
                } else {
                    hi = b;
                }
                if (gap <= tolerance && hi - lo <= tolerance) {
                    done = true;
                } else if (hi == Double.POSITIVE_INFINITY) {
                    b += step;
                    step *= 2;
                } else if (lo == Double.NEGATIVE_INFINITY) {
                    b -= step;
                    step *= 2;
                } else {
                    b = lo + (hi - lo) / 2;
                }
            }
            double[] w = s.w().clone();
            if (!done) {
                for (int j = 0; j < w.length; j++) {
                    w[j] += sums[DELTA_W + j];
                }
            }
            out.collect(new CocoaRecord(null, new SvmState(w, b, lo, hi, step, s.n(), s.blocks(), s.round() + 1, gap, done), null));
        }
    }
}
