package io.eddy.ml.optimization;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.Vector;
import io.eddy.ml.statistics.SeededHash;

/**
 * One partition's share of a loss and its gradient at a point {@code (w, b)} read from a broadcast
 * set: {@code [count, Σ loss, Σ ∂loss/∂w_1 … ∂loss/∂w_d, Σ ∂loss/∂b]}, one array per partition and
 * superstep, no allocation per record. With a sampling fraction below 1, only the records whose
 * seeded content hash (with the superstep) falls below it count: a mini-batch that does not depend on
 * the parallelism.
 */
public final class GradientSums extends RichGroupReduceFunction<LabeledVector, double[]> {
    private static final long serialVersionUID = 1L;

    /** Where the point comes from: the broadcast set's record and the offset of {@code w} in it. */
    public interface PointSource extends java.io.Serializable {
        double[] point(io.eddy.api.functions.rich.RuntimeContext context);
    }

    private final LossFunction loss;
    private final boolean plusMinusOneLabels;
    private final double fraction;
    private final long seed;
    private final PointSource source;

    /**
     * @param plusMinusOneLabels labels 0/1 are read as −1/+1 (and others rejected)
     * @param fraction the share of records in each superstep's mini-batch (1: all)
     */
    public GradientSums(LossFunction loss, boolean plusMinusOneLabels, double fraction, long seed, PointSource source) {
        this.loss = loss;
        this.plusMinusOneLabels = plusMinusOneLabels;
        this.fraction = fraction;
        this.seed = seed;
        this.source = source;
    }

    @Override
    public void reduce(Iterable<LabeledVector> examples, Collector<double[]> out) {
        double[] point = source.point(getRuntimeContext());
        int d = point.length - 1;
        double b = point[d];
        double[] sums = new double[d + 3];
        long roundSeed = fraction < 1 ? SeededHash.mix64(seed + getIterationRuntimeContext().getSuperstepNumber()) : 0;
        for (LabeledVector example : examples) {
            Vector x = example.features();
            if (x.size() != d) {
                throw new IllegalArgumentException("An example has " + x.size() + " features, the model has " + d);
            }
            if (fraction < 1 && SeededHash.unit(roundSeed, x.contentHash()) >= fraction) {
                continue;
            }
            double y = target(example.label());
            double m = x.dot(point) + b;
            sums[0] += 1;
            sums[1] += loss.loss(m, y);
            double g = loss.derivative(m, y);
            for (int k = 0; k < x.numStored(); k++) {
                sums[2 + x.storedIndex(k)] += g * x.storedValue(k);
            }
            sums[2 + d] += g;
        }
        out.collect(sums);
    }

    private double target(double label) {
        if (!plusMinusOneLabels) {
            return label;
        }
        if (label == 0.0) {
            return -1.0;
        }
        if (label == 1.0) {
            return 1.0;
        }
        throw new IllegalArgumentException("A binary classifier needs labels 0 and 1, found " + label);
    }
}
