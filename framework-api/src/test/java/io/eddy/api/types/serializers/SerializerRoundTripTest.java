package io.eddy.api.types.serializers;

import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.tuple.Tuple1;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.tuple.Tuple4;
import io.eddy.api.tuple.Tuple5;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of type through its serializer, the way the runtime uses it: TypeInfo obtained as a
 * user would, serializer from {@code createSerializer}, bytes through the reusable memory views.
 * Random values come from a seed that every failure message names; rerun a failure with
 * {@code -Deddy.test.seed=<seed>}.
 */
class SerializerRoundTripTest {
    private static final long SEED = Long.getLong("eddy.test.seed", System.nanoTime());
    private static final int RANDOM_VALUES = 40;

    // ---------------------------------------------------------------- types under test

    public enum Color { RED, GREEN, BLUE }

    /** Constants with bodies are instances of anonymous subclasses of the enum. */
    public enum Op {
        PLUS {
            @Override
            int apply(int a, int b) {
                return a + b;
            }
        },
        TIMES {
            @Override
            int apply(int a, int b) {
                return a * b;
            }
        };

        abstract int apply(int a, int b);
    }

    public static class Address {
        public String city;
        public int zip;

        public Address() {}

        Address(String city, int zip) {
            this.city = city;
            this.zip = zip;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && Objects.equals(a.city, city) && a.zip == zip;
        }

        @Override
        public int hashCode() {
            return Objects.hash(city, zip);
        }

        @Override
        public String toString() {
            return "Address(" + city + ", " + zip + ")";
        }
    }

    /** Public fields and private fields with accessors, a nested POJO, a list and an enum. */
    public static class Person {
        public String name;
        public int age;
        private double score;
        private boolean active;
        public Address address;
        public List<String> tags;
        public Color favourite;

        public double getScore() {
            return score;
        }

        public void setScore(double score) {
            this.score = score;
        }

        public boolean isActive() {
            return active;
        }

        public void setActive(boolean active) {
            this.active = active;
        }

        @Override
        public boolean equals(Object o) {
            // exact class, so a subclass read back as its superclass would fail the comparison
            return o != null && o.getClass() == getClass() && o instanceof Person p && Objects.equals(p.name, name)
                    && p.age == age && Double.compare(p.score, score) == 0 && p.active == active
                    && Objects.equals(p.address, address) && Objects.equals(p.tags, tags) && p.favourite == favourite;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, age);
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "(" + name + ", " + age + ", " + score + ", " + active + ", " + address
                    + ", " + tags + ", " + favourite + ")";
        }
    }

    /** A valid POJO on its own; as a value of a Person field or stream it goes through Kryo. */
    public static class Employee extends Person {
        public long salary;

        @Override
        public boolean equals(Object o) {
            return super.equals(o) && ((Employee) o).salary == salary;
        }

        @Override
        public int hashCode() {
            return super.hashCode() * 31 + Long.hashCode(salary);
        }
    }

    /** More than 8 fields: the null bits take two bytes. */
    public static class WidePojo {
        public Integer a0;
        public Integer a1;
        public Integer a2;
        public Integer a3;
        public Integer a4;
        public Integer a5;
        public Integer a6;
        public Integer a7;
        public String a8;
        public Long a9;

        private Object[] fields() {
            return new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9};
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WidePojo w && Arrays.equals(w.fields(), fields());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(fields());
        }

        @Override
        public String toString() {
            return Arrays.toString(fields());
        }
    }

    public record Point(int x, int y) {}

    /** Nested records, nullable components and a mutable list component. */
    public record Segment(String label, Point from, Point to, List<Point> via) {}

    public record WideRecord(Integer c0, Integer c1, Integer c2, Integer c3, Integer c4, Integer c5, Integer c6,
            Integer c7, String c8, Color c9) {}

    /** No no-argument constructor and final fields: not a POJO, so Kryo serializes it. */
    public static final class Money {
        private final long cents;
        private final String currency;

        public Money(long cents, String currency) {
            this.cents = cents;
            this.currency = currency;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Money m && m.cents == cents && Objects.equals(m.currency, currency);
        }

        @Override
        public int hashCode() {
            return Objects.hash(cents, currency);
        }

        @Override
        public String toString() {
            return cents + " " + currency;
        }
    }

    // ---------------------------------------------------------------- cases

    /** One type: its TypeInfo as a user obtains it, and the values to round-trip (edge values first). */
    record Case<T>(String name, TypeInfo<T> type, Function<Random, List<T>> values) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Edge values followed by {@link #RANDOM_VALUES} random ones. */
    @SafeVarargs
    private static <T> Case<T> of(String name, TypeInfo<T> type, Function<Random, T> random, T... edges) {
        return new Case<>(name, type, r -> {
            List<T> values = new ArrayList<>(Arrays.asList(edges));
            for (int i = 0; i < RANDOM_VALUES; i++) {
                values.add(random.apply(r));
            }
            return values;
        });
    }

    static Stream<Case<?>> cases() {
        return Stream.of(
                of("boolean", Types.of(boolean.class), Random::nextBoolean, true, false),
                of("byte", Types.of(byte.class), r -> (byte) r.nextInt(), Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0, (byte) -1),
                of("short", Types.of(short.class), r -> (short) r.nextInt(), Short.MIN_VALUE, Short.MAX_VALUE, (short) 0),
                of("char", Types.of(char.class), r -> (char) r.nextInt(), Character.MIN_VALUE, Character.MAX_VALUE,
                        '\u00e9', '\ud83d'),
                of("Integer", Types.of(Integer.class), Random::nextInt, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1),
                of("Long", Types.of(Long.class), Random::nextLong, Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L),
                of("Float", Types.of(Float.class), r -> Float.intBitsToFloat(r.nextInt()), Float.NaN, -0.0f, 0.0f,
                        Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY),
                of("Double", Types.of(Double.class), r -> Double.longBitsToDouble(r.nextLong()), Double.NaN, -0.0, 0.0,
                        Double.MIN_VALUE, Double.MAX_VALUE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
                new Case<>("Void", Types.of(Void.class), r -> Arrays.asList((Void) null)),
                of("String", Types.of(String.class), r -> randomString(r, 40), "", "a", "\u0000", "Grüße, € ✓",
                        "😀 𝄞 surrogate pairs", "lone \ud800 surrogate \udc00", "\uffff\u0080\u07ff\u0800",
                        "x".repeat(70_000), randomString(new Random(SEED), 200_000)),

                of("byte[]", Types.of(byte[].class), r -> bytes(r, r.nextInt(64)), new byte[0], bytes(new Random(SEED), 300_000)),
                of("boolean[]", Types.of(boolean[].class), SerializerRoundTripTest::randomBooleans,
                        new boolean[0], new boolean[100_000]),
                of("short[]", Types.of(short[].class), SerializerRoundTripTest::randomShorts,
                        new short[0], new short[] {Short.MIN_VALUE, Short.MAX_VALUE}),
                of("char[]", Types.of(char[].class), r -> randomString(r, 64).toCharArray(), new char[0],
                        randomString(new Random(SEED), 100_000).toCharArray()),
                of("int[]", Types.of(int[].class), r -> r.ints(r.nextInt(64)).toArray(), new int[0],
                        new Random(SEED).ints(100_000).toArray()),
                of("long[]", Types.of(long[].class), r -> r.longs(r.nextInt(64)).toArray(), new long[0],
                        new Random(SEED).longs(100_000).toArray()),
                of("float[]", Types.of(float[].class), SerializerRoundTripTest::randomFloats,
                        new float[0], new float[] {Float.NaN, -0.0f, Float.MIN_VALUE}),
                of("double[]", Types.of(double[].class), r -> r.doubles(r.nextInt(64)).toArray(), new double[0],
                        new double[] {Double.NaN, -0.0, Double.MAX_VALUE}, new Random(SEED).doubles(100_000).toArray()),

                of("String[]", Types.of(String[].class), r -> randomArray(r, String[]::new, SerializerRoundTripTest::nullableString),
                        new String[0], new String[] {null, "", null}),
                of("Integer[][]", Types.of(Integer[][].class), r -> randomArray(r, Integer[][]::new,
                        q -> randomArray(q, Integer[]::new, p -> p.nextInt(4) == 0 ? null : p.nextInt())),
                        new Integer[0][], new Integer[][] {null, {}, {1, null}}),
                of("Person[]", Types.OBJECT_ARRAY(Types.POJO(Person.class)),
                        r -> randomArray(r, Person[]::new, q -> q.nextInt(4) == 0 ? null : randomPerson(q)), new Person[] {null}),

                of("Tuple1<String>", new TypeHint<Tuple1<String>>() {}.getTypeInfo(),
                        r -> Tuple1.of(nullableString(r)), Tuple1.of(null), Tuple1.of("")),
                of("Tuple2<String, Long>", new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo(),
                        r -> Tuple2.of(nullableString(r), r.nextBoolean() ? null : r.nextLong()),
                        Tuple2.of(null, null), Tuple2.of("", Long.MIN_VALUE)),
                of("Tuple3<Integer, Double, Boolean>", Types.of(new TypeHint<Tuple3<Integer, Double, Boolean>>() {}),
                        r -> Tuple3.of(r.nextInt(), r.nextGaussian(), r.nextBoolean() ? null : r.nextBoolean()),
                        Tuple3.of(null, Double.NaN, null)),
                of("Tuple4<Character, Short, Byte, Float>", new TypeHint<Tuple4<Character, Short, Byte, Float>>() {}.getTypeInfo(),
                        r -> Tuple4.of((char) r.nextInt(), (short) r.nextInt(), (byte) r.nextInt(), r.nextFloat()),
                        Tuple4.of(null, null, null, -0.0f)),
                of("Tuple5<String, Tuple2, List, Color, Point>",
                        new TypeHint<Tuple5<String, Tuple2<Integer, Long>, List<String>, Color, Point>>() {}.getTypeInfo(),
                        r -> Tuple5.of(nullableString(r), r.nextBoolean() ? null : Tuple2.of(r.nextInt(), null),
                                randomList(r, SerializerRoundTripTest::nullableString), randomEnum(r, Color.class),
                                r.nextBoolean() ? null : new Point(r.nextInt(), r.nextInt())),
                        Tuple5.of(null, null, null, null, null)),

                of("POJO Person", Types.of(Person.class), SerializerRoundTripTest::randomPerson, new Person()),
                of("POJO Person holding subclasses (Kryo)", Types.of(Person.class), SerializerRoundTripTest::randomEmployee,
                        new Employee()),
                of("POJO Employee with inherited fields", Types.of(Employee.class), SerializerRoundTripTest::randomEmployee),
                of("POJO with 10 nullable fields", Types.of(WidePojo.class), SerializerRoundTripTest::randomWidePojo,
                        new WidePojo()),

                of("record Point", Types.of(Point.class), r -> new Point(r.nextInt(), r.nextInt()),
                        new Point(Integer.MIN_VALUE, Integer.MAX_VALUE)),
                of("record Segment (nested, nullable)", Types.of(Segment.class), SerializerRoundTripTest::randomSegment,
                        new Segment(null, null, null, null), new Segment("", new Point(0, 0), null, List.of())),
                of("record with 10 nullable components", Types.of(WideRecord.class), SerializerRoundTripTest::randomWideRecord,
                        new WideRecord(null, null, null, null, null, null, null, null, null, null)),

                of("enum Color", Types.of(Color.class), r -> randomEnum(r, Color.class), Color.values()),
                of("enum with constant bodies", Types.ENUM(Op.class), r -> randomEnum(r, Op.class), Op.values()),

                of("List<String>", new TypeHint<List<String>>() {}.getTypeInfo(),
                        r -> randomList(r, SerializerRoundTripTest::nullableString), new ArrayList<>(), Arrays.asList(null, "")),
                of("List<Tuple2<String, Integer>>", new TypeHint<List<Tuple2<String, Integer>>>() {}.getTypeInfo(),
                        r -> randomList(r, q -> Tuple2.of(randomString(q, 8), q.nextInt()))),
                of("Map<String, Long>", new TypeHint<Map<String, Long>>() {}.getTypeInfo(),
                        r -> randomMap(r, q -> randomString(q, 8), q -> q.nextBoolean() ? null : q.nextLong()), Map.of()),
                of("Map<Integer, List<Double>>", Types.MAP(Types.INT, Types.LIST(Types.DOUBLE)),
                        r -> randomMap(r, Random::nextInt, q -> randomList(q, Random::nextDouble))),

                of("Kryo: Money (no default constructor)", Types.of(Money.class),
                        r -> new Money(r.nextLong(), nullableString(r)), new Money(0, null)),
                of("Kryo: UUID", Types.of(UUID.class), r -> new UUID(r.nextLong(), r.nextLong()), UUID.randomUUID()),
                of("Kryo: BigDecimal", Types.of(BigDecimal.class), r -> new BigDecimal(new BigInteger(200, r), r.nextInt(40) - 20),
                        BigDecimal.ZERO, new BigDecimal("-1E-400")));
    }

    // ---------------------------------------------------------------- round trips

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <T> void eachValueRoundTrips(Case<T> c) throws IOException {
        TypeSerializer<T> serializer = c.type().createSerializer(new SerializerConfig());
        SegmentOutputView out = new SegmentOutputView(1);
        SegmentInputView in = new SegmentInputView();
        T reuse = serializer.createInstance();
        List<T> values = c.values().apply(new Random(SEED));
        for (int i = 0; i < values.size(); i++) {
            T value = values.get(i);
            String where = where(c, i);
            out.clear();
            serializer.serialize(value, out);
            if (serializer.getLength() >= 0) {
                assertEquals(serializer.getLength(), out.length(), where + ": bytes written vs getLength()");
            }

            in.setBuffer(out.getSharedBuffer(), 0, out.length());
            assertDeepEquals(value, serializer.deserialize(in), where + ": deserialize");
            assertEquals(0, in.available(), where + ": bytes left after deserialize");

            // the instance of the previous value, so stale fields would show
            in.setBuffer(out.getSharedBuffer(), 0, out.length());
            reuse = serializer.deserialize(reuse, in);
            assertDeepEquals(value, reuse, where + ": deserialize with reuse");
            assertEquals(0, in.available(), where + ": bytes left after deserialize with reuse");

            T copy = serializer.copy(value);
            assertDeepEquals(value, copy, where + ": copy");
            if (serializer.isImmutableType()) {
                assertSame(value, copy, where + ": immutable values are shared, not copied");
            }
            // into the instance holding the previous value, so fields it fails to overwrite would show
            reuse = serializer.copy(value, reuse);
            assertDeepEquals(value, reuse, where + ": copy into reuse");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <T> void valuesWrittenBackToBackAreReadInOrder(Case<T> c) throws IOException {
        TypeSerializer<T> serializer = c.type().createSerializer(new SerializerConfig());
        List<T> values = c.values().apply(new Random(SEED));
        SegmentOutputView out = new SegmentOutputView(1);
        for (T value : values) {
            serializer.serialize(value, out);
        }

        // read from the middle of a larger array, as from a network buffer
        byte[] framed = new byte[out.length() + 10];
        Arrays.fill(framed, (byte) 0x5a);
        System.arraycopy(out.getSharedBuffer(), 0, framed, 3, out.length());
        SegmentInputView in = new SegmentInputView();
        in.setBuffer(framed, 3, out.length());
        for (int i = 0; i < values.size(); i++) {
            assertDeepEquals(values.get(i), serializer.deserialize(in), where(c, i));
        }
        assertEquals(0, in.available(), where(c, values.size()) + ": trailing bytes");

        // copying serialized values must reproduce the bytes exactly
        in.setBuffer(framed, 3, out.length());
        SegmentOutputView copied = new SegmentOutputView();
        for (int i = 0; i < values.size(); i++) {
            serializer.copy(in, copied);
        }
        assertArrayEquals(out.toByteArray(), copied.toByteArray(), where(c, -1) + ": copy(source, target)");
    }

    /** The runtime ships serializers with the job (Java serialization) and gives each thread a duplicate. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <T> void shippedAndDuplicatedSerializersReadTheSameBytes(Case<T> c) throws Exception {
        TypeSerializer<T> original = c.type().createSerializer(new SerializerConfig());
        List<T> values = c.values().apply(new Random(SEED));
        SegmentOutputView out = new SegmentOutputView();
        for (T value : values) {
            original.serialize(value, out);
        }
        for (TypeSerializer<T> other : List.of(original.duplicate(), javaRoundTrip(original))) {
            assertEquals(original, other, where(c, -1) + ": equals");
            SegmentInputView in = new SegmentInputView(out.toByteArray());
            for (int i = 0; i < values.size(); i++) {
                assertDeepEquals(values.get(i), other.deserialize(in), where(c, i) + " with " + other.getClass().getSimpleName());
            }
        }
    }

    static Stream<Arguments> fixedLengths() {
        return Stream.of(Arguments.of(Types.BOOLEAN, 1), Arguments.of(Types.BYTE, 1), Arguments.of(Types.SHORT, 2),
                Arguments.of(Types.CHAR, 2), Arguments.of(Types.INT, 4), Arguments.of(Types.LONG, 8),
                Arguments.of(Types.FLOAT, 4), Arguments.of(Types.DOUBLE, 8), Arguments.of(Types.VOID, 1),
                Arguments.of(Types.STRING, -1), Arguments.of(Types.TUPLE(Types.INT, Types.INT), -1),
                Arguments.of(Types.of(Point.class), -1));
    }

    /** The round-trip tests check bytes written against these; here, that fixed-size types report a length. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("fixedLengths")
    void fixedSizeTypesReportTheirLength(TypeInfo<?> type, int length) {
        assertEquals(length, type.createSerializer(new SerializerConfig()).getLength());
    }

    // ---------------------------------------------------------------- specific behaviour

    @Test
    void copiesOfMutableValuesAreDeep() {
        Person person = randomPerson(new Random(SEED));
        person.address = new Address("Oslo", 150);
        person.tags = new ArrayList<>(List.of("a"));
        Person copy = Types.of(Person.class).createSerializer(new SerializerConfig()).copy(person);
        assertNotSame(person.address, copy.address);
        assertNotSame(person.tags, copy.tags);

        Tuple2<int[], List<String>> tuple = Tuple2.of(new int[] {1}, new ArrayList<>(List.of("x")));
        Tuple2<int[], List<String>> tupleCopy = new TypeHint<Tuple2<int[], List<String>>>() {}.getTypeInfo()
                .createSerializer(new SerializerConfig()).copy(tuple);
        assertNotSame(tuple.f0, tupleCopy.f0);
        assertNotSame(tuple.f1, tupleCopy.f1);
        Tuple2<int[], List<String>> reuse = Tuple2.of(new int[] {2}, null);
        assertSame(reuse, new TypeHint<Tuple2<int[], List<String>>>() {}.getTypeInfo()
                .createSerializer(new SerializerConfig()).copy(tuple, reuse), "a tuple is copied into the instance given");
        assertArrayEquals(new int[] {1}, reuse.f0);
        assertNotSame(tuple.f0, reuse.f0);
        assertNotSame(tuple.f1, reuse.f1);
        assertEquals(List.of("x"), reuse.f1);

        Segment segment = new Segment("s", null, null, new ArrayList<>(List.of(new Point(1, 2))));
        TypeSerializer<Segment> segments = Types.of(Segment.class).createSerializer(new SerializerConfig());
        assertNotSame(segment.via(), segments.copy(segment).via());
        assertSame(new Point(1, 2).getClass(), segments.copy(segment).via().get(0).getClass());
    }

    @Test
    void recordsOfImmutableComponentsAreImmutable() {
        assertTrue(Types.of(Point.class).createSerializer(new SerializerConfig()).isImmutableType());
        assertEquals(false, Types.of(Segment.class).createSerializer(new SerializerConfig()).isImmutableType());
    }

    @Test
    void pojoSubclassKeepsItsClassThroughKryo() throws IOException {
        Employee employee = randomEmployee(new Random(SEED));
        TypeSerializer<Person> serializer = Types.of(Person.class).createSerializer(new SerializerConfig());
        SegmentOutputView out = new SegmentOutputView();
        serializer.serialize(employee, out);
        Person read = serializer.deserialize(new Person(), new SegmentInputView(out.toByteArray()));
        assertInstanceOf(Employee.class, read);
        assertEquals(employee, read, "seed=" + SEED);
    }

    @Test
    void mapsWithNullKeysAreRejected() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put(null, 1L);
        TypeSerializer<Map<String, Long>> serializer = Types.MAP(Types.STRING, Types.LONG).createSerializer(new SerializerConfig());
        assertThrows(IOException.class, () -> serializer.serialize(map, new SegmentOutputView()));
    }

    @Test
    void disablingGenericTypesRejectsKryoTypesAlsoInsideComposites() {
        SerializerConfig config = new SerializerConfig().disableGenericTypes();
        assertThrows(InvalidTypesException.class, () -> Types.of(UUID.class).createSerializer(config));
        assertThrows(InvalidTypesException.class, () -> Types.TUPLE(Types.INT, Types.of(Money.class)).createSerializer(config));
        Types.of(Person.class).createSerializer(config);
    }

    @Test
    void truncatedInputFailsWithEof() throws IOException {
        SegmentOutputView out = new SegmentOutputView();
        StringSerializer.INSTANCE.serialize("truncated", out);
        SegmentInputView in = new SegmentInputView();
        in.setBuffer(out.getSharedBuffer(), 0, out.length() - 1);
        assertThrows(java.io.EOFException.class, () -> StringSerializer.INSTANCE.deserialize(in));
    }

    @Test
    void voidReadsBackAsNull() throws IOException {
        SegmentOutputView out = new SegmentOutputView();
        VoidSerializer.INSTANCE.serialize(null, out);
        assertNull(VoidSerializer.INSTANCE.deserialize(new SegmentInputView(out.toByteArray())));
    }

    // ---------------------------------------------------------------- helpers

    private static String where(Case<?> c, int index) {
        return "seed=" + SEED + " case=" + c.name() + (index >= 0 ? " value#" + index : "");
    }

    /** Equality that compares arrays (also nested) by content; Float/Double equality keeps NaN and -0.0 apart. */
    private static void assertDeepEquals(Object expected, Object actual, String message) {
        assertTrue(Objects.deepEquals(expected, actual),
                () -> message + ": expected " + abbreviate(expected) + " but was " + abbreviate(actual));
    }

    private static String abbreviate(Object value) {
        String s = Arrays.deepToString(new Object[] {value});
        return s.length() > 300 ? s.substring(0, 300) + "… (" + s.length() + " chars)" : s;
    }

    @SuppressWarnings("unchecked")
    private static <T> TypeSerializer<T> javaRoundTrip(TypeSerializer<T> serializer) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(serializer);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (TypeSerializer<T>) in.readObject();
        }
    }

    /** Mixes ASCII, 2- and 3-byte chars (lone surrogates included) and supplementary code points. */
    private static String randomString(Random r, int maxLength) {
        int length = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(length + 1);
        while (sb.length() < length) {
            switch (r.nextInt(4)) {
                case 0 -> sb.append((char) (0x20 + r.nextInt(0x5f)));
                case 1 -> sb.append((char) (0x80 + r.nextInt(0x780)));
                case 2 -> sb.append((char) (0x800 + r.nextInt(0xf800)));
                default -> sb.appendCodePoint(Character.MIN_SUPPLEMENTARY_CODE_POINT
                        + r.nextInt(Character.MAX_CODE_POINT - Character.MIN_SUPPLEMENTARY_CODE_POINT + 1));
            }
        }
        return sb.toString();
    }

    private static String nullableString(Random r) {
        return r.nextInt(5) == 0 ? null : randomString(r, 20);
    }

    private static byte[] bytes(Random r, int length) {
        byte[] b = new byte[length];
        r.nextBytes(b);
        return b;
    }

    // no Random streams exist for these element types
    private static boolean[] randomBooleans(Random r) {
        boolean[] a = new boolean[r.nextInt(64)];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextBoolean();
        }
        return a;
    }

    private static short[] randomShorts(Random r) {
        short[] a = new short[r.nextInt(64)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (short) r.nextInt();
        }
        return a;
    }

    private static float[] randomFloats(Random r) {
        float[] a = new float[r.nextInt(64)];
        for (int i = 0; i < a.length; i++) {
            a[i] = Float.intBitsToFloat(r.nextInt());
        }
        return a;
    }

    private static <E> E[] randomArray(Random r, java.util.function.IntFunction<E[]> newArray, Function<Random, E> element) {
        E[] a = newArray.apply(r.nextInt(8));
        Arrays.setAll(a, i -> element.apply(r));
        return a;
    }

    private static <E> List<E> randomList(Random r, Function<Random, E> element) {
        List<E> list = new ArrayList<>();
        for (int i = r.nextInt(8); i > 0; i--) {
            list.add(element.apply(r));
        }
        return list;
    }

    private static <K, V> Map<K, V> randomMap(Random r, Function<Random, K> key, Function<Random, V> value) {
        Map<K, V> map = new LinkedHashMap<>();
        for (int i = r.nextInt(8); i > 0; i--) {
            map.put(key.apply(r), value.apply(r));
        }
        return map;
    }

    private static <E extends Enum<E>> E randomEnum(Random r, Class<E> type) {
        E[] constants = type.getEnumConstants();
        return constants[r.nextInt(constants.length)];
    }

    private static <P extends Person> P fillPerson(P p, Random r) {
        p.name = nullableString(r);
        p.age = r.nextInt();
        p.setScore(r.nextDouble());
        p.setActive(r.nextBoolean());
        p.address = r.nextBoolean() ? null : new Address(nullableString(r), r.nextInt(100_000));
        p.tags = r.nextBoolean() ? null : randomList(r, SerializerRoundTripTest::nullableString);
        p.favourite = r.nextBoolean() ? null : randomEnum(r, Color.class);
        return p;
    }

    private static Person randomPerson(Random r) {
        return fillPerson(new Person(), r);
    }

    private static Employee randomEmployee(Random r) {
        Employee e = fillPerson(new Employee(), r);
        e.salary = r.nextLong();
        return e;
    }

    private static Integer nullableInt(Random r) {
        return r.nextBoolean() ? null : r.nextInt();
    }

    private static WidePojo randomWidePojo(Random r) {
        WidePojo w = new WidePojo();
        w.a0 = nullableInt(r);
        w.a1 = nullableInt(r);
        w.a2 = nullableInt(r);
        w.a3 = nullableInt(r);
        w.a4 = nullableInt(r);
        w.a5 = nullableInt(r);
        w.a6 = nullableInt(r);
        w.a7 = nullableInt(r);
        w.a8 = nullableString(r);
        w.a9 = r.nextBoolean() ? null : r.nextLong();
        return w;
    }

    private static WideRecord randomWideRecord(Random r) {
        return new WideRecord(nullableInt(r), nullableInt(r), nullableInt(r), nullableInt(r), nullableInt(r),
                nullableInt(r), nullableInt(r), nullableInt(r), nullableString(r),
                r.nextBoolean() ? null : randomEnum(r, Color.class));
    }

    private static Segment randomSegment(Random r) {
        return new Segment(nullableString(r), r.nextBoolean() ? null : new Point(r.nextInt(), r.nextInt()),
                r.nextBoolean() ? null : new Point(r.nextInt(), r.nextInt()),
                r.nextBoolean() ? null : randomList(r, q -> new Point(q.nextInt(), q.nextInt())));
    }
}
