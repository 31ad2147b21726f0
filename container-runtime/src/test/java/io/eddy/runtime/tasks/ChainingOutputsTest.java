package io.eddy.runtime.tasks;

import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.serializers.LongSerializer;
import io.eddy.api.types.serializers.TupleSerializer;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.metrics.Counter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainingOutputsTest {
    /** Keeps what it receives. */
    static class Recording extends StreamOperator<Object> implements OneInputOperator<Object> {
        private static final long serialVersionUID = 1L;
        final List<Object> records = new ArrayList<>();
        final List<Long> timestamps = new ArrayList<>();

        @Override
        public void processElement(Object value, long timestamp) {
            records.add(value);
            timestamps.add(timestamp);
        }
    }

    /** Another operator class. */
    static final class OtherRecording extends Recording {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void eachOperatorClassIsCalledThroughAnOutputClassOfItsOwn() {
        Class<?> first = ChainingOutputs.chaining(new Recording(), new Counter()).getClass();
        Class<?> second = ChainingOutputs.chaining(new Recording(), new Counter()).getClass();
        Class<?> other = ChainingOutputs.chaining(new OtherRecording(), new Counter()).getClass();
        assertSame(first, second, "one copy per operator class");
        assertNotEquals(first, other);
        assertNotEquals(ChainingOutput.class, first);
        assertTrue(first.isHidden());
        TypeSerializer<Tuple2<Long, Long>> serializer = tuples();
        Class<?> copying = ChainingOutputs.copying(new Recording(), new Counter(), serializer).getClass();
        assertNotEquals(first, copying);
        assertSame(copying, ChainingOutputs.copying(new Recording(), new Counter(), serializer).getClass());
        assertTrue(ChainingOutput.class.isAssignableFrom(copying), "a copy of CopyingChainingOutput, which extends it");
    }

    @Test
    void aCopyHandsOnRecordsAndTimestampsAndCountsThem() {
        Recording next = new Recording();
        Counter counter = new Counter();
        Output<Tuple2<Long, Long>> output = ChainingOutputs.chaining(next, counter);
        Tuple2<Long, Long> record = Tuple2.of(1L, 2L);
        output.collect(record, 17L);
        output.collect(record, Output.NO_TIMESTAMP);
        assertSame(record, next.records.get(0), "the record itself");
        assertEquals(List.of(17L, Output.NO_TIMESTAMP), next.timestamps);
        assertEquals(2, counter.getCount());

        Recording copied = new Recording();
        Counter copies = new Counter();
        Output<Tuple2<Long, Long>> copying = ChainingOutputs.copying(copied, copies, tuples());
        copying.collect(record, 5L);
        assertNotSame(record, copied.records.get(0));
        assertEquals(record, copied.records.get(0));
        assertEquals(List.of(5L), copied.timestamps);
        assertEquals(1, copies.getCount());
    }

    @SuppressWarnings("unchecked")
    private static TypeSerializer<Tuple2<Long, Long>> tuples() {
        return (TypeSerializer<Tuple2<Long, Long>>) (TypeSerializer<?>) new TupleSerializer<>(
                new TypeSerializer<?>[] {LongSerializer.INSTANCE, LongSerializer.INSTANCE});
    }
}
