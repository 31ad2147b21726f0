package io.eddy.api.functions;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FieldAggregator#reduceSerialized} against serializing what {@link FieldAggregator#reduce} returns. */
class SerializedReduceTest {
    private static final SerializerConfig CONFIG = new SerializerConfig();
    private static final FieldAggregator.Kind[] KINDS = {FieldAggregator.Kind.SUM, FieldAggregator.Kind.MIN, FieldAggregator.Kind.MAX};

    /** The bytes of {@code value}, placed at offset 5 of a segment with bytes around it that must not change. */
    private static <T> MemorySegment serialized(TypeSerializer<T> serializer, T value) throws IOException {
        SegmentOutputView out = new SegmentOutputView(16);
        out.write(new byte[] {1, 2, 3, 4, 5});
        serializer.serialize(value, out);
        out.write(new byte[] {6, 7, 8});
        return MemorySegment.wrap(out.toByteArray());
    }

    private static <T> byte[] bytes(TypeSerializer<T> serializer, T value) throws IOException {
        MemorySegment s = serialized(serializer, value);
        return s.array();
    }

    /** Reduces in place and checks the bytes equal those of the deserialized reduce. */
    private static <T> void assertSameAsReduce(FieldAggregator<T> function, TypeSerializer<T> serializer, T current, T next)
            throws Exception {
        MemorySegment segment = serialized(serializer, current);
        int length = segment.size() - 8;
        byte[] expected = bytes(serializer, function.reduce(serializer.copy(current), serializer.copy(next)));
        assertTrue(function.reduceSerialized(segment, 5, length, next, serializer), "reduced in place: " + current + ", " + next);
        assertArrayEquals(expected, segment.array(), () -> current + " with " + next + " gave " + Arrays.toString(segment.array()));
    }

    @Test
    void sumMinAndMaxOfLongsIntsAndShortsWriteTheBytesOfTheDeserializedReduce() throws Exception {
        TypeInfo<Tuple3<String, Long, Integer>> type = new TypeHint<Tuple3<String, Long, Integer>>() {}.getTypeInfo();
        TypeSerializer<Tuple3<String, Long, Integer>> serializer = type.createSerializer(CONFIG);
        SplittableRandom random = new SplittableRandom(7);
        long[] edges = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE};
        for (FieldAggregator.Kind kind : KINDS) {
            FieldAggregator<Tuple3<String, Long, Integer>> onLong = FieldAggregator.at(kind, type, 1, serializer);
            FieldAggregator<Tuple3<String, Long, Integer>> onInt = FieldAggregator.at(kind, type, 2, serializer);
            for (int i = 0; i < 1_000; i++) {
                long a = i < 25 ? edges[i / 5] : random.nextLong();
                long b = i < 25 ? edges[i % 5] : random.nextLong();
                var current = Tuple3.of("k\u00e9y" + i, a, (int) b);
                var next = Tuple3.of("other", b, (int) a);
                assertSameAsReduce(onLong, serializer, current, next);
                assertSameAsReduce(onInt, serializer, current, next);
            }
        }
        TypeInfo<Tuple2<Short, Byte>> small = new TypeHint<Tuple2<Short, Byte>>() {}.getTypeInfo();
        TypeSerializer<Tuple2<Short, Byte>> smallSerializer = small.createSerializer(CONFIG);
        for (FieldAggregator.Kind kind : KINDS) {
            for (int a : new int[] {Short.MIN_VALUE, -1, 0, 100, Short.MAX_VALUE}) {
                for (int b : new int[] {Short.MIN_VALUE, -1, 0, 100, Short.MAX_VALUE}) {
                    var current = Tuple2.of((short) a, (byte) a);
                    var next = Tuple2.of((short) b, (byte) b);
                    assertSameAsReduce(FieldAggregator.at(kind, small, 0, smallSerializer), smallSerializer, current, next);
                    assertSameAsReduce(FieldAggregator.at(kind, small, 1, smallSerializer), smallSerializer, current, next);
                }
            }
        }
    }

    @Test
    void floatingPointKeepsTheOrderOfCompareToForNaNAndNegativeZero() throws Exception {
        TypeInfo<Tuple2<Double, Float>> type = new TypeHint<Tuple2<Double, Float>>() {}.getTypeInfo();
        TypeSerializer<Tuple2<Double, Float>> serializer = type.createSerializer(CONFIG);
        double[] values = {Double.NaN, -0.0, 0.0, 1.5, -2.25, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                Double.longBitsToDouble(0x7ff8000000000123L)};
        for (FieldAggregator.Kind kind : KINDS) {
            for (double a : values) {
                for (double b : values) {
                    var current = Tuple2.of(a, (float) a);
                    var next = Tuple2.of(b, (float) b);
                    assertSameAsReduce(FieldAggregator.at(kind, type, 0, serializer), serializer, current, next);
                    assertSameAsReduce(FieldAggregator.at(kind, type, 1, serializer), serializer, current, next);
                }
            }
        }
    }

    @Test
    void declinesWithoutTouchingTheBytesWhenTheFieldHasNoFixedPlace() throws Exception {
        TypeInfo<Tuple2<Long, String>> type = new TypeHint<Tuple2<Long, String>>() {}.getTypeInfo();
        TypeSerializer<Tuple2<Long, String>> serializer = type.createSerializer(CONFIG);
        var current = Tuple2.of(5L, "after");
        var next = Tuple2.of(7L, "x");
        // a variable-length field follows the long: its place depends on the string
        assertDeclines(FieldAggregator.at(FieldAggregator.Kind.SUM, type, 0, serializer), serializer, current, next);
        // a field named, not positioned; and minBy, which replaces the whole record
        assertDeclines(FieldAggregator.named(FieldAggregator.Kind.SUM, type, "f0", serializer), serializer, current, next);

        TypeInfo<Tuple2<String, Long>> counts = new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo();
        TypeSerializer<Tuple2<String, Long>> countSerializer = counts.createSerializer(CONFIG);
        FieldAggregator<Tuple2<String, Long>> sum = FieldAggregator.at(FieldAggregator.Kind.SUM, counts, 1, countSerializer);
        assertDeclines(FieldAggregator.at(FieldAggregator.Kind.MIN_BY, counts, 1, countSerializer), countSerializer,
                Tuple2.of("a", 1L), Tuple2.of("a", 0L));
        // a null running sum has no bytes to add to, and a null addend nothing to add
        assertDeclines(sum, countSerializer, Tuple2.of("a", null), Tuple2.of("a", 1L));
        assertDeclines(sum, countSerializer, Tuple2.of("a", 1L), Tuple2.of("a", null));
    }

    private static <T> void assertDeclines(FieldAggregator<T> function, TypeSerializer<T> serializer, T current, T next)
            throws IOException {
        MemorySegment segment = serialized(serializer, current);
        byte[] before = segment.array().clone();
        assertFalse(function.reduceSerialized(segment, 5, segment.size() - 8, next, serializer));
        assertArrayEquals(before, segment.array());
    }
}
