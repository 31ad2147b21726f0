package io.eddy.api.dataset.aggregators;

/** Sums doubles; the neutral value is 0. */
public class DoubleSumAggregator implements Aggregator<Double> {
    private static final long serialVersionUID = 1L;

    private double sum;

    @Override
    public void aggregate(Double value) {
        sum += value;
    }

    /** Adds {@code value} without boxing. */
    public void aggregate(double value) {
        sum += value;
    }

    @Override
    public Double getAggregate() {
        return sum;
    }

    @Override
    public void reset() {
        sum = 0;
    }
}
