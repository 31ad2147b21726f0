package io.eddy.examples;

import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;

/**
 * Keyed aggregation over a generated sequence: the numbers 0..N-1 are grouped by their last
 * digit and summed per group; the sink prints each group's running sum, so the last line per
 * group is its total.
 *
 * <pre>
 * bin/eddy run -c io.eddy.examples.SequenceAggregation examples/target/eddy-examples.jar [--count N]
 * </pre>
 */
public final class SequenceAggregation {
    private SequenceAggregation() {}

    public static void main(String[] args) throws Exception {
        long count = ProgramArguments.parse(args).getLong("count", 1000);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, count - 1)
                .map(new MapFunction<Long, Tuple2<Long, Long>>() {
                    @Override
                    public Tuple2<Long, Long> map(Long value) {
                        return Tuple2.of(value % 10, value);
                    }
                }).name("By last digit")
                .keyBy(0)
                .sum(1).name("Sum")
                .print();
        env.execute("Sequence aggregation");
    }
}
