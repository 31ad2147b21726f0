package io.eddy.api.dataset.aggregators;

/** Sums longs; the neutral value is 0. */
public class LongSumAggregator implements Aggregator<Long> {
    private static final long serialVersionUID = 1L;

    private long sum;

    @Override
    public void aggregate(Long value) {
        sum += value;
    }

    /** Adds {@code value} without boxing. */
    public void aggregate(long value) {
        sum += value;
    }

    @Override
    public Long getAggregate() {
        return sum;
    }

    @Override
    public void reset() {
        sum = 0;
    }
}
