package io.eddy.api.connector.source;

import io.eddy.api.metrics.MetricGroup;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class NumberSequenceSourceTest {

    /** An output that adds what is emitted to {@code emitted}. */
    private static SourceOutput<Long> into(List<Long> emitted) {
        return new SourceOutput<>() {
            @Override
            public void collect(Long record) {
                emitted.add(record);
            }

            @Override
            public void collect(Long record, long timestamp) {
                emitted.add(record);
            }
        };
    }

    /** Polls the reader until its input ends, collecting what it emits. */
    private static List<Long> drain(SourceReader<Long, NumberSequenceSource.Range> reader) throws Exception {
        List<Long> emitted = new ArrayList<>();
        SourceOutput<Long> output = into(emitted);
        while (reader.pollNext(output) != InputStatus.END_OF_INPUT) {
            // every poll emits one number
        }
        return emitted;
    }

    private static SourceReader<Long, NumberSequenceSource.Range> reader(NumberSequenceSource source,
            List<NumberSequenceSource.Range> splits) {
        // the reader only registers its pending-records gauge: any other call would fail the test
        MetricGroup metrics = (MetricGroup) Proxy.newProxyInstance(MetricGroup.class.getClassLoader(),
                new Class<?>[] {MetricGroup.class}, (proxy, method, args) -> {
                    if (method.getName().equals("gauge")) {
                        return args[1];
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        SourceReader<Long, NumberSequenceSource.Range> reader = source.createReader(new SourceReaderContext() {
            @Override
            public int getIndexOfSubtask() {
                return 0;
            }

            @Override
            public int getParallelism() {
                return 1;
            }

            @Override
            public ClassLoader getUserCodeClassLoader() {
                return NumberSequenceSourceTest.class.getClassLoader();
            }

            @Override
            public MetricGroup metricGroup() {
                return metrics;
            }
        });
        reader.addSplits(splits);
        return reader;
    }

    @Test
    void emitsEveryNumberOfItsSplitsInOrder() throws Exception {
        NumberSequenceSource source = new NumberSequenceSource(-3, 300);
        List<NumberSequenceSource.Range> splits = source.createSplits(2);
        assertEquals(List.of(new NumberSequenceSource.Range(-3, 148), new NumberSequenceSource.Range(149, 300)), splits);

        List<Long> emitted = drain(reader(source, splits));

        List<Long> expected = new ArrayList<>();
        for (long i = -3; i <= 300; i++) {
            expected.add(i);
        }
        assertEquals(expected, emitted);
    }

    /**
     * The small numbers are new boxes, not Long.valueOf's cached ones: a box that may be either cannot
     * be removed by the JIT's escape analysis, so records of an inlined chain would be allocated.
     */
    @Test
    void boxesTheCachedRangeAnew() throws Exception {
        NumberSequenceSource source = new NumberSequenceSource(-128, 127);
        List<Long> emitted = drain(reader(source, source.createSplits(1)));

        assertEquals(256, emitted.size());
        for (Long box : emitted) {
            assertNotSame(Long.valueOf(box), box, "the box of " + box);
        }
    }

    @Test
    void aRestoredReaderContinuesAtTheNextNumber() throws Exception {
        NumberSequenceSource source = new NumberSequenceSource(0, 9);
        SourceReader<Long, NumberSequenceSource.Range> first = reader(source, source.createSplits(2));
        List<Long> before = new ArrayList<>();
        SourceOutput<Long> output = into(before);
        for (int i = 0; i < 3; i++) {
            first.pollNext(output);
        }
        List<NumberSequenceSource.Range> state = first.snapshotState(1);
        assertEquals(List.of(new NumberSequenceSource.Range(3, 4), new NumberSequenceSource.Range(5, 9)), state);

        List<Long> after = drain(reader(source, state));

        assertEquals(List.of(0L, 1L, 2L), before);
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L), after);
    }
}
