package io.eddy.api.types;

import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple1;
import io.eddy.api.tuple.Tuple2;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypeExtractorTest {

    // ---------------------------------------------------------------- classes under test

    public enum Suit { HEARTS, SPADES { } }

    public static class ValidPojo {
        public String name;
        private int count;
        private boolean flag;
        public static int ignoredStatic;
        public transient Object ignoredTransient;

        public int getCount() {
            return count;
        }

        public void setCount(int count) {
            this.count = count;
        }

        public boolean isFlag() {
            return flag;
        }

        public void setFlag(boolean flag) {
            this.flag = flag;
        }
    }

    public static class HashedPojo {
        public long id;

        @Override
        public boolean equals(Object o) {
            return o instanceof HashedPojo h && h.id == id;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id);
        }
    }

    static class PackagePrivatePojo {
        public int x;
    }

    public class InnerPojo {
        public int x;
    }

    public abstract static class AbstractPojo {
        public int x;
    }

    public static class NoDefaultConstructor {
        public int x;

        public NoDefaultConstructor(int x) {
            this.x = x;
        }
    }

    public static class PrivateConstructor {
        public int x;

        private PrivateConstructor() {}
    }

    public static class PrivateFieldWithoutSetter {
        private int x;

        public int getX() {
            return x;
        }
    }

    public static class FinalField {
        public final int x = 1;
    }

    public static class Node {
        public int value;
        public Node next;
    }

    public static class Box<T> {
        public T value;
    }

    public static class WithCollections {
        public List<String> list;
        public Map<String, Integer> map;
        public Set<String> set;
        public Collection<String> collection;
    }

    public record Point(int x, int y) {}

    record PackagePrivateRecord(String s) {}

    public record Pair<A, B>(A first, B second) {}

    public record WithArray(int[] values) {}

    /** A record that refers to itself. */
    public record Tree(Tree left, Tree right, int value) {}

    // ---------------------------------------------------------------- classes

    static Stream<Arguments> basicTypes() {
        return Stream.of(Arguments.of(boolean.class, Boolean.class, Types.BOOLEAN),
                Arguments.of(byte.class, Byte.class, Types.BYTE), Arguments.of(short.class, Short.class, Types.SHORT),
                Arguments.of(char.class, Character.class, Types.CHAR), Arguments.of(int.class, Integer.class, Types.INT),
                Arguments.of(long.class, Long.class, Types.LONG), Arguments.of(float.class, Float.class, Types.FLOAT),
                Arguments.of(double.class, Double.class, Types.DOUBLE), Arguments.of(void.class, Void.class, Types.VOID),
                Arguments.of(String.class, String.class, Types.STRING));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("basicTypes")
    void primitivesAndTheirBoxesShareOneBasicType(Class<?> primitive, Class<?> boxed, TypeInfo<?> expected) {
        assertEquals(expected, Types.of(primitive));
        assertEquals(expected, Types.of(boxed));
    }

    @Test
    void arraysAndEnums() {
        assertEquals(Types.INT_ARRAY, Types.of(int[].class));
        assertEquals(Types.STRING_ARRAY, Types.of(String[].class));
        assertEquals(Types.OBJECT_ARRAY(Types.LONG_ARRAY), Types.of(long[][].class));
        assertFalse(Types.of(int[].class).isKeyType());
        assertEquals(Types.ENUM(Suit.class), Types.of(Suit.class));
        // a constant with a body is an instance of an anonymous subclass; its type is still the enum
        assertEquals(Types.ENUM(Suit.class), TypeExtractor.forClass(Suit.SPADES.getClass()));
    }

    @Test
    void aPojoHasItsNonStaticNonTransientFieldsSortedByName() {
        TypeInfo<ValidPojo> type = Types.of(ValidPojo.class);
        assertInstanceOf(PojoTypeInfo.class, type);
        assertEquals(Types.POJO(ValidPojo.class), type);
        assertEquals(3, type.getArity());
        assertTrue(type.isCompositeType());
        assertEquals("POJO<" + ValidPojo.class.getName() + " {count: Integer, flag: Boolean, name: String}>", type.toString());
        assertEquals(Types.INT, type.getFieldAccessor("count").getFieldType());
        assertThrows(InvalidTypesException.class, () -> type.getFieldAccessor("ignoredTransient"));
        assertThrows(InvalidTypesException.class, () -> type.getFieldAccessor(0));
    }

    @Test
    void aPojoIsAKeyOnlyWhenItHashesByValue() {
        assertFalse(Types.of(ValidPojo.class).isKeyType());
        assertTrue(Types.of(HashedPojo.class).isKeyType());
    }

    static Stream<Arguments> notPojos() {
        return Stream.of(Arguments.of(PackagePrivatePojo.class, "the class is not public"),
                Arguments.of(InnerPojo.class, "non-static inner class"),
                Arguments.of(AbstractPojo.class, "the class is abstract"),
                Arguments.of(NoDefaultConstructor.class, "no public no-argument constructor"),
                Arguments.of(PrivateConstructor.class, "no-argument constructor is not public"),
                Arguments.of(PrivateFieldWithoutSetter.class, "field 'x' is neither public nor has a getter and setter"),
                Arguments.of(FinalField.class, "field 'x' is final"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notPojos")
    void aClassBreakingAPojoRuleFallsBackToKryo(Class<?> type, String rule) {
        assertEquals(Types.GENERIC(type), Types.of(type));
        InvalidTypesException e = assertThrows(InvalidTypesException.class, () -> Types.POJO(type));
        assertTrue(e.getMessage().contains(rule), e.getMessage());
    }

    @Test
    void jdkClassesAndInterfacesAreGeneric() {
        assertEquals(Types.GENERIC(Date.class), Types.of(Date.class));
        assertEquals(Types.GENERIC(BigDecimal.class), Types.of(BigDecimal.class));
        assertEquals(Types.GENERIC(List.class), Types.of(List.class));
        assertEquals(Types.GENERIC(Object.class), Types.of(Object.class));
    }

    @Test
    void aRecursivePojoSerializesItsSelfReferenceWithKryo() {
        TypeInfo<Node> type = Types.of(Node.class);
        assertInstanceOf(PojoTypeInfo.class, type);
        assertEquals(Types.GENERIC(Node.class), type.getFieldAccessor("next").getFieldType());
    }

    @Test
    void typeVariablesOfAGenericPojoAreResolvedOnlyThroughATypeHint() {
        assertEquals(Types.GENERIC(Object.class), Types.of(Box.class).getFieldAccessor("value").getFieldType());
        assertEquals(Types.STRING, new TypeHint<Box<String>>() {}.getTypeInfo().getFieldAccessor("value").getFieldType());
    }

    @Test
    void collectionFieldsMapToListAndMapTypesWhereTheyCanBeReadBack() throws Exception {
        TypeInfo<WithCollections> type = Types.of(WithCollections.class);
        assertEquals(Types.LIST(Types.STRING), type.getFieldAccessor("list").getFieldType());
        assertEquals(Types.MAP(Types.STRING, Types.INT), type.getFieldAccessor("map").getFieldType());
        assertEquals(Types.GENERIC(Set.class), type.getFieldAccessor("set").getFieldType());
        // a Collection may hold a Set, which the List serializer can neither write nor read back
        assertEquals(Types.GENERIC(Collection.class), type.getFieldAccessor("collection").getFieldType());

        WithCollections value = new WithCollections();
        value.collection = new TreeSet<>(List.of("b", "a"));
        TypeSerializer<WithCollections> serializer = type.createSerializer(new SerializerConfig());
        SegmentOutputView out = new SegmentOutputView();
        serializer.serialize(value, out);
        WithCollections read = serializer.deserialize(new SegmentInputView(out.toByteArray()));
        assertEquals(new TreeSet<>(List.of("a", "b")), read.collection);
        assertInstanceOf(TreeSet.class, read.collection);
    }

    @Test
    void recordsAreCompositeAndKeysWhenAllComponentsAre() {
        TypeInfo<Point> point = Types.of(Point.class);
        assertInstanceOf(RecordTypeInfo.class, point);
        assertEquals(2, point.getArity());
        assertEquals(Types.INT, point.getFieldAccessor(1).getFieldType());
        assertEquals(new Point(1, 5), point.<Integer>getFieldAccessor("y").set(new Point(1, 2), 5));
        assertTrue(point.isKeyType());
        assertFalse(Types.of(WithArray.class).isKeyType());
        // unlike POJOs, records need not be public
        assertInstanceOf(RecordTypeInfo.class, Types.of(PackagePrivateRecord.class));
    }

    @Test
    void genericRecordComponentsAreResolvedThroughATypeHint() {
        TypeInfo<Pair<String, Long>> hinted = new TypeHint<Pair<String, Long>>() {}.getTypeInfo();
        assertEquals(Types.STRING, hinted.getFieldAccessor("first").getFieldType());
        assertEquals(Types.LONG, hinted.getFieldAccessor("second").getFieldType());
        assertEquals(Types.GENERIC(Object.class), Types.of(Pair.class).getFieldAccessor(0).getFieldType());
    }

    @Test
    void aRecursiveRecordSerializesItsSelfReferenceWithKryo() throws Exception {
        TypeInfo<Tree> type = Types.of(Tree.class);
        assertInstanceOf(RecordTypeInfo.class, type);
        assertEquals(Types.GENERIC(Tree.class), type.getFieldAccessor("left").getFieldType());

        Tree tree = new Tree(new Tree(null, null, 1), null, 2);
        TypeSerializer<Tree> serializer = type.createSerializer(new SerializerConfig());
        SegmentOutputView out = new SegmentOutputView();
        serializer.serialize(tree, out);
        assertEquals(tree, serializer.deserialize(new SegmentInputView(out.toByteArray())));
    }

    // ---------------------------------------------------------------- tuples and type hints

    @Test
    void tupleTypeHintsKeepTheirGenericParameters() {
        assertEquals(Types.TUPLE(Types.STRING, Types.INT), new TypeHint<Tuple2<String, Integer>>() {}.getTypeInfo());
        assertEquals(Types.TUPLE(Types.TUPLE(Types.LONG), Types.STRING_ARRAY),
                Types.of(new TypeHint<Tuple2<Tuple1<Long>, String[]>>() {}));
        assertEquals(Types.LIST(Types.MAP(Types.STRING, Types.of(Point.class))),
                new TypeHint<List<Map<String, Point>>>() {}.getTypeInfo());
        // a wildcard stands for its bound
        assertEquals(Types.TUPLE(Types.GENERIC(Number.class)), new TypeHint<Tuple1<? extends Number>>() {}.getTypeInfo());
    }

    @Test
    void aRawTupleClassHasLostItsFieldTypes() {
        InvalidTypesException e = assertThrows(InvalidTypesException.class, () -> Types.of(Tuple2.class));
        assertTrue(e.getMessage().contains("generic parameters of Tuple2 are missing"), e.getMessage());
    }

    @Test
    @SuppressWarnings("rawtypes")
    void aTypeHintNeedsAConcreteTypeArgument() {
        assertThrows(InvalidTypesException.class, () -> new TypeHint() {});
        assertThrows(InvalidTypesException.class, TypeExtractorTest::hintOfTypeVariable);
    }

    private static <T> TypeInfo<Tuple1<T>> hintOfTypeVariable() {
        return new TypeHint<Tuple1<T>>() {}.getTypeInfo();
    }

    // ---------------------------------------------------------------- functions

    public static class Identity<T> implements MapFunction<T, T> {
        @Override
        public T map(T value) {
            return value;
        }
    }

    public static class Length extends RichMapFunction<String, Integer> {
        @Override
        public Integer map(String value) {
            return value.length();
        }
    }

    @SuppressWarnings("rawtypes")
    public static class RawMapper implements MapFunction {
        @Override
        public Object map(Object value) {
            return value;
        }
    }

    public static final class Splitter implements Serializable {
        public void split(String line, Collector<String> out) {
            for (String word : line.split(" ")) {
                out.collect(word);
            }
        }

        /** As an unbound method reference, the receiver is the first argument of flatMap. */
        public void emitLine(Collector<String> out) {
            out.collect(toString());
        }
    }

    public static void splitStatic(String line, Collector<String> out) {
        out.collect(line);
    }

    private static <I, O> TypeInfo<O> mapOutput(MapFunction<I, O> function, TypeInfo<I> input) {
        return TypeExtractor.getOutputType(function, MapFunction.class, 1, input);
    }

    private static <O> TypeInfo<O> flatMapOutput(FlatMapFunction<String, O> function) {
        return TypeExtractor.getOutputType(function, FlatMapFunction.class, 1, Types.STRING);
    }

    @Test
    void anonymousClassesKeepTheFullOutputType() {
        assertEquals(Types.TUPLE(Types.STRING, Types.INT), mapOutput(new MapFunction<String, Tuple2<String, Integer>>() {
            @Override
            public Tuple2<String, Integer> map(String value) {
                return Tuple2.of(value, 1);
            }
        }, Types.STRING));
        assertEquals(Types.LIST(Types.LONG), flatMapOutput(new FlatMapFunction<String, List<Long>>() {
            @Override
            public void flatMap(String value, Collector<List<Long>> out) {}
        }));
    }

    @Test
    void namedClassesResolveTypeVariablesThroughTheHierarchyAndTheInputType() {
        assertEquals(Types.INT, mapOutput(new Length(), Types.STRING));
        assertEquals(Types.of(Point.class), mapOutput(new Identity<Point>(), Types.of(Point.class)));
        assertThrows(InvalidTypesException.class, () -> mapOutput(new Identity<Point>(), null));
        InvalidTypesException raw = assertThrows(InvalidTypesException.class, () -> mapOutput(new RawMapper(), Types.STRING));
        assertTrue(raw.getMessage().contains("raw type"), raw.getMessage());
    }

    @Test
    void lambdasAndMethodReferencesWithConcreteReturnTypes() {
        long offset = 3;
        assertEquals(Types.INT, mapOutput((String s) -> s.length(), Types.STRING));
        assertEquals(Types.LONG, mapOutput((Long x) -> x + offset, Types.LONG));
        assertEquals(Types.INT, mapOutput(String::length, Types.STRING));
        assertEquals(Types.of(Point.class), mapOutput((Integer x) -> new Point(x, x), Types.INT));
        assertEquals(Types.of(PackagePrivateRecord.class), mapOutput(PackagePrivateRecord::new, Types.STRING));
        assertEquals(Types.STRING_ARRAY, mapOutput((String s) -> s.split(","), Types.STRING));
        assertEquals(Types.LONG, TypeExtractor.getOutputType((KeySelector<Point, Long>) p -> (long) p.x(),
                KeySelector.class, 1, Types.of(Point.class)));
    }

    @Test
    void lambdasReturningGenericTypesLoseThemToErasure() {
        InvalidTypesException e = assertThrows(InvalidTypesException.class,
                () -> mapOutput((String s) -> Tuple2.of(s, 1), Types.STRING));
        assertTrue(e.getMessage().contains("erasure"), e.getMessage());
        assertThrows(InvalidTypesException.class, () -> mapOutput(Tuple1::of, Types.STRING));
    }

    @Test
    void theCollectorTypeOfAFlatMapLambdaIsErasedButMethodReferencesKeepIt() {
        InvalidTypesException e = assertThrows(InvalidTypesException.class,
                () -> flatMapOutput((String s, Collector<String> out) -> out.collect(s)));
        assertTrue(e.getMessage().contains("erased"), e.getMessage());
        assertEquals(Types.STRING, flatMapOutput(TypeExtractorTest::splitStatic));
        Splitter splitter = new Splitter();
        assertEquals(Types.STRING, flatMapOutput(splitter::split));
        assertEquals(Types.STRING, TypeExtractor.getOutputType((FlatMapFunction<Splitter, String>) Splitter::emitLine,
                FlatMapFunction.class, 1, Types.GENERIC(Splitter.class)));
    }

    /** How the DataStream API surfaces a failed extraction: when the type is used, unless declared. */
    @Nested
    class InDataStreams {
        private final StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());

        @Test
        void anErasedTypeFailsWhenUsedAndNamesTheFix() {
            DataStream<Tuple2<String, Integer>> pairs = env.fromElements("a", "b").map(s -> Tuple2.of(s, 1));
            InvalidTypesException e = assertThrows(InvalidTypesException.class, pairs::getType);
            assertTrue(e.getMessage().contains(".returns("), e.getMessage());
            assertTrue(e.getMessage().contains("TypeExtractorTest"), "names the call site: " + e.getMessage());
        }

        @Test
        void returnsDeclaresTheErasedType() {
            DataStream<Tuple2<String, Integer>> pairs = env.fromElements("a", "b").map(s -> Tuple2.of(s, 1))
                    .returns(new TypeHint<Tuple2<String, Integer>>() {});
            assertEquals(Types.TUPLE(Types.STRING, Types.INT), pairs.getType());
        }

        @Test
        void concreteTypesNeedNoDeclaration() {
            assertEquals(Types.INT, env.fromElements("a", "bb").map(String::length).getType());
            assertEquals(Types.TUPLE(Types.STRING, Types.LONG), env.fromElements(Tuple2.of("a", 1L)).getType());
        }
    }
}
