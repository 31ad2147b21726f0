package io.eddy.api.types;

import io.eddy.api.tuple.Tuple;
import io.eddy.api.types.serializers.BooleanSerializer;
import io.eddy.api.types.serializers.ByteSerializer;
import io.eddy.api.types.serializers.CharSerializer;
import io.eddy.api.types.serializers.DoubleSerializer;
import io.eddy.api.types.serializers.FloatSerializer;
import io.eddy.api.types.serializers.IntSerializer;
import io.eddy.api.types.serializers.LongSerializer;
import io.eddy.api.types.serializers.ShortSerializer;
import io.eddy.api.types.serializers.StringSerializer;
import io.eddy.api.types.serializers.VoidSerializer;

import java.util.List;
import java.util.Map;

/** Type descriptions to declare types explicitly: {@code .returns(Types.TUPLE(Types.STRING, Types.INT))}. */
public final class Types {
    private Types() {}

    public static final TypeInfo<Boolean> BOOLEAN = new BasicTypeInfo<>(Boolean.class, BooleanSerializer.INSTANCE);
    public static final TypeInfo<Byte> BYTE = new BasicTypeInfo<>(Byte.class, ByteSerializer.INSTANCE);
    public static final TypeInfo<Short> SHORT = new BasicTypeInfo<>(Short.class, ShortSerializer.INSTANCE);
    public static final TypeInfo<Character> CHAR = new BasicTypeInfo<>(Character.class, CharSerializer.INSTANCE);
    public static final TypeInfo<Integer> INT = new BasicTypeInfo<>(Integer.class, IntSerializer.INSTANCE);
    public static final TypeInfo<Long> LONG = new BasicTypeInfo<>(Long.class, LongSerializer.INSTANCE);
    public static final TypeInfo<Float> FLOAT = new BasicTypeInfo<>(Float.class, FloatSerializer.INSTANCE);
    public static final TypeInfo<Double> DOUBLE = new BasicTypeInfo<>(Double.class, DoubleSerializer.INSTANCE);
    public static final TypeInfo<String> STRING = new BasicTypeInfo<>(String.class, StringSerializer.INSTANCE);
    public static final TypeInfo<Void> VOID = new BasicTypeInfo<>(Void.class, VoidSerializer.INSTANCE);

    public static final TypeInfo<boolean[]> BOOLEAN_ARRAY = new ArrayTypeInfo<>(boolean[].class);
    public static final TypeInfo<byte[]> BYTE_ARRAY = new ArrayTypeInfo<>(byte[].class);
    public static final TypeInfo<short[]> SHORT_ARRAY = new ArrayTypeInfo<>(short[].class);
    public static final TypeInfo<char[]> CHAR_ARRAY = new ArrayTypeInfo<>(char[].class);
    public static final TypeInfo<int[]> INT_ARRAY = new ArrayTypeInfo<>(int[].class);
    public static final TypeInfo<long[]> LONG_ARRAY = new ArrayTypeInfo<>(long[].class);
    public static final TypeInfo<float[]> FLOAT_ARRAY = new ArrayTypeInfo<>(float[].class);
    public static final TypeInfo<double[]> DOUBLE_ARRAY = new ArrayTypeInfo<>(double[].class);
    public static final TypeInfo<String[]> STRING_ARRAY = OBJECT_ARRAY(STRING);

    /** A tuple with the given field types, e.g. {@code TUPLE(STRING, INT)} for {@code Tuple2<String, Integer>}. */
    public static <T extends Tuple> TypeInfo<T> TUPLE(TypeInfo<?>... fieldTypes) {
        return new TupleTypeInfo<>(fieldTypes);
    }

    /** An array of objects of the given type. */
    @SuppressWarnings("unchecked")
    public static <E> TypeInfo<E[]> OBJECT_ARRAY(TypeInfo<E> elementType) {
        Class<E[]> arrayClass = (Class<E[]>) java.lang.reflect.Array.newInstance(elementType.getTypeClass(), 0).getClass();
        return new ArrayTypeInfo<>(arrayClass, elementType);
    }

    /** The POJO type of {@code type}; fails with the rule it breaks if it is not a valid POJO. */
    public static <T> TypeInfo<T> POJO(Class<T> type) {
        return TypeExtractor.pojo(type, true);
    }

    /** Whatever {@code type} is: basic, array, tuple (with known fields), record, POJO or generic. */
    public static <T> TypeInfo<T> of(Class<T> type) {
        return TypeExtractor.forClass(type);
    }

    public static <T> TypeInfo<T> of(TypeHint<T> hint) {
        return hint.getTypeInfo();
    }

    /** A type serialized by Kryo. */
    public static <T> TypeInfo<T> GENERIC(Class<T> type) {
        return new GenericTypeInfo<>(type);
    }

    /** A record whose component types are given rather than derived, e.g. for a generic record. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T extends Record> TypeInfo<T> RECORD(Class<? super T> type, TypeInfo<?>... componentTypes) {
        if (type.getRecordComponents().length != componentTypes.length) {
            throw new IllegalArgumentException(type.getName() + " has " + type.getRecordComponents().length
                    + " components, but " + componentTypes.length + " types were given");
        }
        return new RecordTypeInfo(type, componentTypes);
    }

    public static <E> TypeInfo<List<E>> LIST(TypeInfo<E> elementType) {
        return new ListTypeInfo<>(elementType);
    }

    public static <K, V> TypeInfo<Map<K, V>> MAP(TypeInfo<K> keyType, TypeInfo<V> valueType) {
        return new MapTypeInfo<>(keyType, valueType);
    }

    public static <E extends Enum<E>> TypeInfo<E> ENUM(Class<E> type) {
        return new EnumTypeInfo<>(type);
    }
}
