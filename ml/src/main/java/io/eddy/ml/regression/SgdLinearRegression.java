package io.eddy.ml.regression;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.optimization.GradientSums;
import io.eddy.ml.optimization.InitialPoint;
import io.eddy.ml.optimization.LossFunction;
import io.eddy.ml.optimization.OneGroup;
import io.eddy.ml.pipeline.Estimator;
import io.eddy.ml.pipeline.Param;
import io.eddy.ml.pipeline.WithParams;

import java.util.List;

/**
 * Linear regression (ridge with λ > 0) by mini-batch gradient descent, for many features where the
 * normal equations ({@link MultipleLinearRegression}) do not fit. It descends on
 * <pre>  (1/2n)·‖y − Xw − b‖² + (λ/2)·‖w‖²</pre>
 * from w = 0, b = 0 for exactly {@link #ITERATIONS} steps: in step t the records whose seeded hash
 * falls below {@link #MINI_BATCH_FRACTION} form the batch B_t, and
 * <pre>  w ← w − η_t·((1/|B_t|)·Σ_B (w·x + b − y)·x + λ·w),   b ← b − η_t·(1/|B_t|)·Σ_B (w·x + b − y)</pre>
 * with the learning rate η_t = η (schedule {@code constant}), η/√t ({@code inverse-sqrt}) or η/t
 * ({@code inverse}). With fraction 1 this is full-batch gradient descent.
 *
 * <p>One job: a native bulk iteration whose partial solution is {@code [w, b]} (one record), a
 * broadcast set of the partitions' gradient tasks; one task takes the step.
 */
public final class SgdLinearRegression extends WithParams<SgdLinearRegression> implements Estimator<LinearModel> {
    private static final long serialVersionUID = 1L;

    public static final Param<Double> LAMBDA = Param.doubleParam("lambda", "L2 penalty λ of the weights", 0.0,
            Param.atLeast(0.0));
    public static final Param<Integer> ITERATIONS = Param.intParam("iterations", "the number of gradient steps", 100,
            Param.atLeast(1));
    public static final Param<Double> LEARNING_RATE = Param.doubleParam("learning-rate", "the initial learning rate η",
            0.1, Param.greaterThan(0.0));
    public static final Param<String> SCHEDULE = Param.stringParam("schedule", "how the learning rate decays with step t",
            "inverse-sqrt", Param.oneOf("constant", "inverse-sqrt", "inverse"));
    public static final Param<Double> MINI_BATCH_FRACTION = Param.doubleParam("mini-batch-fraction",
            "the share of records in each step's batch", 1.0, Param.between(Double.MIN_VALUE, 1.0));
    public static final Param<Long> SEED = Param.longParam("seed", "seed of the mini-batch sampling", 0L);

    private static final String WEIGHTS = "weights";

    @Override
    public LinearModel fit(DataSet<LabeledVector> training) throws Exception {
        IterativeDataSet<double[]> loop = InitialPoint.zeros(training).iterate(get(ITERATIONS)).name("gradient descent");
        DataSet<double[]> sums = training.mapPartition(new GradientSums(LossFunction.SQUARED, false,
                        get(MINI_BATCH_FRACTION), get(SEED), context -> context.<double[]>getBroadcastVariable(WEIGHTS).get(0)))
                .returns(Types.DOUBLE_ARRAY).name("squared loss gradient").withBroadcastSet(loop, WEIGHTS);
        DataSet<double[]> next = OneGroup.keyed(sums, Types.DOUBLE_ARRAY).groupBy(0)
                .reduceGroup(new Step(get(LEARNING_RATE), get(SCHEDULE), get(LAMBDA)))
                .returns(Types.DOUBLE_ARRAY).name("gradient step").withBroadcastSet(loop, WEIGHTS);
        List<double[]> result = loop.closeWith(next).collect();
        double[] x = result.get(0);
        return new LinearModel(java.util.Arrays.copyOf(x, x.length - 1), x[x.length - 1], false);
    }

    /** The learning rate of step {@code t} (from 1). */
    static double learningRate(double initial, String schedule, int t) {
        return switch (schedule) {
            case "constant" -> initial;
            case "inverse" -> initial / t;
            default -> initial / Math.sqrt(t);
        };
    }

    private static final class Step extends RichGroupReduceFunction<Tuple2<Integer, double[]>, double[]> {
        private static final long serialVersionUID = 1L;
        private final double learningRate;
        private final String schedule;
        private final double lambda;

        Step(double learningRate, String schedule, double lambda) {
            this.learningRate = learningRate;
            this.schedule = schedule;
            this.lambda = lambda;
        }

        @Override
        public void reduce(Iterable<Tuple2<Integer, double[]>> partials, Collector<double[]> out) {
            double[] point = getRuntimeContext().<double[]>getBroadcastVariable(WEIGHTS).get(0);
            int d = point.length - 1;
            double[] sums = OneGroup.sum(partials);
            double[] next = point.clone();
            if (sums[0] > 0) {
                double eta = learningRate(learningRate, schedule, getIterationRuntimeContext().getSuperstepNumber());
                for (int i = 0; i < d; i++) {
                    next[i] -= eta * (sums[2 + i] / sums[0] + lambda * point[i]);
                }
                next[d] -= eta * sums[2 + d] / sums[0];
            }
            out.collect(next);
        }
    }
}
