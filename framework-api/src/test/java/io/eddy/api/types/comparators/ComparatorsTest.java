package io.eddy.api.types.comparators;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.Types;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every comparator against the plain-Java order of its values: compare, serialized compare, hash
 * consistency, normalized keys (bytes that order as the values, deciding when fully determining), and
 * key bytes (equal exactly for equal keys, none a prefix of another).
 */
class ComparatorsTest {
    private static final SerializerConfig CONFIG = new SerializerConfig();

    /** A POJO: public fields and a no-argument constructor. */
    public static class Order {
        public long id;
        public String customer;
        public double amount;

        public Order() {}

        Order(long id, String customer, double amount) {
            this.id = id;
            this.customer = customer;
            this.amount = amount;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Order other && other.id == id && other.customer.equals(customer) && other.amount == amount;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id);
        }
    }

    public record Point(int x, float y, boolean on) {}

    private static <T> void checkAgainst(TypeInfo<T> type, TypeComparator<T> comparator, Comparator<T> expected,
            Function<SplittableRandom, T> values, int keyBytes) throws IOException {
        TypeSerializer<T> serializer = type.createSerializer(CONFIG);
        SplittableRandom random = new SplittableRandom(11);
        List<T> sample = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            sample.add(values.apply(random));
        }
        sample.add(sample.get(0)); // an equal pair for sure
        boolean fullyDetermining = comparator.isNormalizedKeyFullyDetermining(keyBytes);
        MemorySegment keys = MemorySegment.allocate(2 * keyBytes);
        SegmentOutputView out = new SegmentOutputView(64);
        assertTrue(comparator.supportsKeyBytes(), comparator + " writes key bytes");
        List<byte[]> keyBytesOf = new ArrayList<>();
        for (T value : sample) {
            out.clear();
            comparator.writeKeyBytes(value, out);
            keyBytesOf.add(out.toByteArray());
        }
        for (int i = 0; i < sample.size(); i++) {
            for (int j = 0; j < sample.size(); j++) {
                T a = sample.get(i);
                T b = sample.get(j);
                byte[] ka = keyBytesOf.get(i);
                byte[] kb = keyBytesOf.get(j);
                boolean equal = expected.compare(a, b) == 0;
                assertEquals(equal, java.util.Arrays.equals(ka, kb), () -> "key bytes of " + a + " and " + b);
                assertTrue(equal || java.util.Arrays.mismatch(ka, kb) < Math.min(ka.length, kb.length),
                        () -> "the key bytes of " + a + " and " + b + " are prefixes of each other");
            }
        }
        for (T a : sample) {
            for (T b : sample) {
                int want = Integer.signum(expected.compare(a, b));
                assertEquals(want, Integer.signum(comparator.compare(a, b)), () -> "compare " + a + " " + b);
                assertEquals(want == 0, comparator.equalKeys(a, b), () -> "equalKeys " + a + " " + b);
                if (want == 0) {
                    assertEquals(comparator.hash(a), comparator.hash(b), () -> "hash " + a + " " + b);
                }
                out.clear();
                serializer.serialize(a, out);
                int split = out.length();
                serializer.serialize(b, out);
                byte[] bytes = out.toByteArray();
                assertEquals(want, Integer.signum(comparator.compareSerialized(new SegmentInputView(java.util.Arrays.copyOf(bytes, split)),
                        new SegmentInputView(java.util.Arrays.copyOfRange(bytes, split, bytes.length)))), () -> "serialized " + a + " " + b);
                comparator.putNormalizedKey(a, keys, 0, keyBytes);
                comparator.putNormalizedKey(b, keys, keyBytes, keyBytes);
                int byBytes = Integer.signum(keys.compare(keys, 0, keyBytes, keyBytes));
                if (byBytes != 0 || fullyDetermining) {
                    assertEquals(want, byBytes, () -> "normalized keys of " + a + " and " + b);
                }
            }
        }
    }

    @Test
    void atomicTypesAscendingAndDescending() throws IOException {
        for (boolean ascending : new boolean[] {true, false}) {
            checkAtomic(Types.LONG, ascending, r -> r.nextInt(4) == 0 ? r.nextLong(-3, 3) : r.nextLong(), Long::compare, 8);
            checkAtomic(Types.INT, ascending, r -> r.nextInt(4) == 0 ? Integer.MIN_VALUE + r.nextInt(3) : r.nextInt(), Integer::compare, 4);
            checkAtomic(Types.SHORT, ascending, r -> (short) r.nextInt(), Short::compare, 2);
            checkAtomic(Types.BYTE, ascending, r -> (byte) r.nextInt(), Byte::compare, 1);
            checkAtomic(Types.CHAR, ascending, r -> (char) r.nextInt(), Character::compare, 2);
            checkAtomic(Types.BOOLEAN, ascending, SplittableRandom::nextBoolean, Boolean::compare, 1);
            double[] special = {0.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.MIN_VALUE, -1e300};
            checkAtomic(Types.DOUBLE, ascending, r -> r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : r.nextDouble(-1e6, 1e6), Double::compare, 8);
            checkAtomic(Types.FLOAT, ascending, r -> r.nextInt(3) == 0 ? (float) special[r.nextInt(special.length)] : (float) r.nextDouble(-1e6, 1e6), Float::compare, 4);
            // strings: shared prefixes, non-ASCII chars, an empty string, a trailing NUL
            String[] stems = {"", "a", "a\0", "ab", "abc", "\u00e9t\u00e9", "\uffff", "zz", "customer-"};
            checkAtomic(Types.STRING, ascending, r -> stems[r.nextInt(stems.length)] + (r.nextBoolean() ? "" : Integer.toString(r.nextInt(100))),
                    String::compareTo, 8);
        }
    }

    private static <T> void checkAtomic(TypeInfo<T> type, boolean ascending, Function<SplittableRandom, T> values,
            Comparator<T> natural, int fullBytes) throws IOException {
        AtomicComparator<T> comparator = Comparators.atomic(type, ascending);
        Comparator<T> expected = ascending ? natural : natural.reversed();
        checkAgainst(type, comparator, expected, values, fullBytes);
        checkAgainst(type, comparator, expected, values, Math.max(1, fullBytes / 2)); // a truncated key never contradicts
        if (type != Types.STRING) {
            assertTrue(comparator.isNormalizedKeyFullyDetermining(fullBytes), type + " with " + fullBytes + " bytes");
        }
    }

    @Test
    void tupleKeysMixDirectionsAndTypes() throws IOException {
        TypeInfo<Tuple3<String, Long, Integer>> type = new TypeHint<Tuple3<String, Long, Integer>>() {}.getTypeInfo();
        TypeComparator<Tuple3<String, Long, Integer>> comparator = Comparators.fields(type, CONFIG, new int[] {1, 2}, new boolean[] {false, true});
        Comparator<Tuple3<String, Long, Integer>> expected = Comparator.<Tuple3<String, Long, Integer>, Long>comparing(t -> t.f1)
                .reversed().thenComparing(t -> t.f2);
        checkAgainst(type, comparator, expected, r -> Tuple3.of("x" + r.nextInt(3), r.nextLong(-5, 5), r.nextInt(-3, 3)), 12);
        assertTrue(comparator.isNormalizedKeyFullyDetermining(12));
        assertEquals(12, comparator.getNormalizedKeyLength());
        // a string key field ends the normalized key: never fully determining
        TypeComparator<Tuple3<String, Long, Integer>> byString = Comparators.fields(type, CONFIG, new int[] {0, 1}, new boolean[] {true, true});
        checkAgainst(type, byString, Comparator.<Tuple3<String, Long, Integer>, String>comparing(t -> t.f0).thenComparing(t -> t.f1),
                r -> Tuple3.of("k" + r.nextInt(30), r.nextLong(-5, 5), 0), 16);
        assertEquals(Integer.MAX_VALUE, byString.getNormalizedKeyLength());
    }

    @Test
    void pojoAndRecordKeysByName() throws IOException {
        TypeInfo<Order> orders = Types.of(Order.class);
        TypeComparator<Order> byCustomerThenAmount = Comparators.fields(orders, CONFIG, new String[] {"customer", "amount"},
                new boolean[] {true, false});
        checkAgainst(orders, byCustomerThenAmount, Comparator.<Order, String>comparing(o -> o.customer)
                .thenComparing(Comparator.<Order>comparingDouble(o -> o.amount).reversed()),
                r -> new Order(r.nextLong(), "c" + r.nextInt(20), r.nextInt(5) - 2.5), 16);
        TypeInfo<Point> points = Types.of(Point.class);
        TypeComparator<Point> whole = Comparators.whole(points, CONFIG);
        checkAgainst(points, whole, Comparator.comparingInt(Point::x).thenComparing(Point::y, Float::compare).thenComparing(Point::on),
                r -> new Point(r.nextInt(-3, 3), r.nextInt(-2, 2) / 2f, r.nextBoolean()), 9);
        assertTrue(whole.isNormalizedKeyFullyDetermining(9));
    }

    @Test
    void equalKeysHashAlikeAcrossRecordTypes() {
        TypeInfo<Tuple2<Long, String>> tuples = new TypeHint<Tuple2<Long, String>>() {}.getTypeInfo();
        TypeComparator<Tuple2<Long, String>> tupleKey = Comparators.fields(tuples, CONFIG, new String[] {"f1"}, new boolean[] {true});
        TypeComparator<Order> orderKey = Comparators.fields(Types.of(Order.class), CONFIG, new String[] {"customer"}, new boolean[] {true});
        KeyComparison.checkCompatible(tupleKey, orderKey);
        Tuple2<Long, String> t = Tuple2.of(1L, "alice");
        Order o = new Order(9, "alice", 3.0);
        assertEquals(tupleKey.hash(t), orderKey.hash(o));
        assertEquals(Comparators.atomic(Types.STRING, true).hash("alice"), orderKey.hash(o));
        assertTrue(KeyComparison.keysEqual(tupleKey, t, orderKey, o));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyComparison.checkCompatible(
                Comparators.fields(tuples, CONFIG, new int[] {0}, new boolean[] {true}), orderKey));
        assertTrue(e.getMessage().contains("same types"), e.getMessage());
    }

    @Test
    void clearErrorsForUnusableKeys() {
        InvalidTypesException notAKey = assertThrows(InvalidTypesException.class, () -> Comparators.atomic(Types.LONG_ARRAY, true));
        assertTrue(notAKey.getMessage().contains("KeySelector"), notAKey.getMessage());
        TypeInfo<Tuple2<Long, String>> tuples = new TypeHint<Tuple2<Long, String>>() {}.getTypeInfo();
        TypeComparator<Tuple2<Long, String>> byF1 = Comparators.fields(tuples, CONFIG, new int[] {1}, new boolean[] {true});
        NullPointerException nullKey = assertThrows(NullPointerException.class, () -> byF1.hash(Tuple2.of(1L, null)));
        assertTrue(nullKey.getMessage().contains("keys cannot be null"), nullKey.getMessage());
    }

    /** The key read from a record's bytes is the key of the deserialized record, byte for byte, in any length and direction. */
    @Test
    void normalizedKeysReadFromSerializedTuplesEqualThoseOfTheValues() throws IOException {
        TypeInfo<Tuple3<Integer, Long, Long>> type = new TypeHint<Tuple3<Integer, Long, Long>>() {}.getTypeInfo();
        TypeSerializer<Tuple3<Integer, Long, Long>> serializer = type.createSerializer(CONFIG);
        SplittableRandom random = new SplittableRandom(5);
        SegmentOutputView bytes = new SegmentOutputView(64);
        for (boolean[] ascending : new boolean[][] {{true, true}, {false, true}, {true, false}}) {
            TypeComparator<Tuple3<Integer, Long, Long>> comparator = Comparators.fields(type, CONFIG, new int[] {2, 0}, ascending);
            for (int numBytes : new int[] {3, 8, 12, 16}) {
                for (int i = 0; i < 1_000; i++) {
                    Tuple3<Integer, Long, Long> value = new Tuple3<>(random.nextInt(), random.nextLong(), random.nextLong());
                    bytes.clear();
                    serializer.serialize(value, bytes);
                    MemorySegment record = MemorySegment.wrap(bytes.getSharedBuffer());
                    MemorySegment fromBytes = MemorySegment.allocate(numBytes + 2);
                    MemorySegment fromValue = MemorySegment.allocate(numBytes + 2);
                    assertTrue(comparator.putNormalizedKeySerialized(record, 0, bytes.length(), fromBytes, 1, numBytes));
                    comparator.putNormalizedKey(value, fromValue, 1, numBytes);
                    assertEquals(0, fromBytes.compare(fromValue, 0, 0, numBytes + 2), value + " in " + numBytes + " bytes");
                }
            }
        }
        TypeComparator<Tuple3<Integer, Long, Long>> byF0 = Comparators.fields(type, CONFIG, new int[] {0}, new boolean[] {true});
        bytes.clear();
        serializer.serialize(new Tuple3<>(1, 2L, null), bytes);
        // a null later field leaves no field at a fixed place; the caller deserializes instead
        assertFalse(byF0.putNormalizedKeySerialized(MemorySegment.wrap(bytes.getSharedBuffer()), 0, bytes.length(),
                MemorySegment.allocate(8), 0, 8));
        TypeInfo<Tuple2<String, Long>> strings = new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo();
        bytes.clear();
        strings.createSerializer(CONFIG).serialize(Tuple2.of("a", 1L), bytes);
        assertFalse(Comparators.fields(strings, CONFIG, new int[] {0}, new boolean[] {true}).putNormalizedKeySerialized(
                MemorySegment.wrap(bytes.getSharedBuffer()), 0, bytes.length(), MemorySegment.allocate(8), 0, 8));
    }
}
