package io.eddy.ml.classification;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.optimization.GradientSums;
import io.eddy.ml.optimization.InitialPoint;
import io.eddy.ml.optimization.Lbfgs;
import io.eddy.ml.optimization.LbfgsState;
import io.eddy.ml.optimization.LossFunction;
import io.eddy.ml.optimization.OneGroup;
import io.eddy.ml.pipeline.Estimator;
import io.eddy.ml.pipeline.Param;
import io.eddy.ml.pipeline.WithParams;
import io.eddy.ml.regression.LinearModel;

import java.util.List;

/**
 * Binary logistic regression with an L2 penalty, trained to the optimum. Labels 0/1 are read as
 * y = −1/+1; it minimises
 * <pre>  f(w, b) = (1/n)·Σ log(1 + exp(−yᵢ(w·xᵢ + b))) + (λ/2)·‖w‖²</pre>
 * (the intercept is not penalised, the features are not scaled) by L-BFGS ({@link Lbfgs}) until
 * {@code ‖∇f‖ < }{@link #TOLERANCE}, or {@link #MAX_ITERATIONS} evaluations. With λ > 0 the optimum is
 * unique; with λ = 0 and separable classes there is none and training stops at the limit.
 *
 * <p>One job: a native bulk iteration whose partial solution is the L-BFGS state (one record); each
 * superstep evaluates f and ∇f at the state's trial point (a broadcast set) over all partitions
 * ({@link GradientSums}), and one task ({@link OneGroup}) takes the L-BFGS step. The iteration ends when the state is done.
 * The model predicts class 1 where {@code w·x + b > 0}.
 */
public final class LogisticRegression extends WithParams<LogisticRegression> implements Estimator<LinearModel> {
    private static final long serialVersionUID = 1L;

    public static final Param<Double> LAMBDA = Param.doubleParam("lambda", "L2 penalty λ of the weights", 0.0,
            Param.atLeast(0.0));
    public static final Param<Double> TOLERANCE = Param.doubleParam("tolerance",
            "training ends when the gradient norm is below it", 1e-8, Param.greaterThan(0.0));
    public static final Param<Integer> MAX_ITERATIONS = Param.intParam("iterations",
            "the most objective evaluations (supersteps)", 1000, Param.atLeast(1));
    public static final Param<Integer> MEMORY = Param.intParam("memory", "the curvature pairs L-BFGS keeps", 10,
            Param.atLeast(1));

    private static final String STATE = "state";

    @Override
    public LinearModel fit(DataSet<LabeledVector> training) throws Exception {
        TypeInfo<LbfgsState> stateType = TypeExtractor.forClass(LbfgsState.class);
        DataSet<LbfgsState> start = InitialPoint.zeros(training).map(new Start()).returns(stateType);
        IterativeDataSet<LbfgsState> loop = start.iterate(get(MAX_ITERATIONS)).name("L-BFGS");
        DataSet<double[]> sums = training.mapPartition(new GradientSums(LossFunction.LOGISTIC, true, 1.0, 0,
                        context -> context.<LbfgsState>getBroadcastVariable(STATE).get(0).trial()))
                .returns(Types.DOUBLE_ARRAY).name("logistic loss and gradient").withBroadcastSet(loop, STATE);
        DataSet<LbfgsState> next = OneGroup.keyed(sums, Types.DOUBLE_ARRAY).groupBy(0)
                .reduceGroup(new Step(new Lbfgs(get(MEMORY), get(TOLERANCE)), get(LAMBDA)))
                .returns(stateType).name("L-BFGS step").withBroadcastSet(loop, STATE);
        List<LbfgsState> result = loop.closeWith(next, next.filter(new NotDone())).collect();
        double[] x = result.get(0).x();
        return new LinearModel(java.util.Arrays.copyOf(x, x.length - 1), x[x.length - 1], true);
    }

    private static final class Start implements MapFunction<double[], LbfgsState> {
        @Override
        public LbfgsState map(double[] zeros) {
            return LbfgsState.start(zeros);
        }
    }

    private static final class NotDone implements FilterFunction<LbfgsState> {
        @Override
        public boolean filter(LbfgsState state) {
            return !state.done();
        }
    }

    /** Adds the partitions' sums into f and ∇f (with the penalty) and takes the L-BFGS step. */
    private static final class Step extends RichGroupReduceFunction<Tuple2<Integer, double[]>, LbfgsState> {
        private static final long serialVersionUID = 1L;
        private final Lbfgs lbfgs;
        private final double lambda;

        Step(Lbfgs lbfgs, double lambda) {
            this.lbfgs = lbfgs;
            this.lambda = lambda;
        }

        @Override
        public void reduce(Iterable<Tuple2<Integer, double[]>> partials, Collector<LbfgsState> out) {
            LbfgsState state = getRuntimeContext().<LbfgsState>getBroadcastVariable(STATE).get(0);
            double[] point = state.trial();
            int d = point.length - 1;
            double[] sums = OneGroup.sum(partials);
            double n = sums[0];
            double f = sums[1] / n;
            double[] g = new double[d + 1];
            for (int i = 0; i <= d; i++) {
                g[i] = sums[2 + i] / n;
            }
            for (int i = 0; i < d; i++) {
                f += lambda / 2 * point[i] * point[i];
                g[i] += lambda * point[i];
            }
            out.collect(lbfgs.next(state, f, g));
        }
    }
}
