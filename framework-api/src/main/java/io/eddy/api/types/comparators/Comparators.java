package io.eddy.api.types.comparators;

import io.eddy.api.types.FieldAccessor;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.TypeInfo;

import java.util.Map;

/**
 * Creates comparators from type descriptions: a whole atomic value, or chosen fields of a tuple or
 * record (by position) or of a POJO, record or tuple (by name).
 */
public final class Comparators {
    private Comparators() {}

    private static final Map<Class<?>, AtomicComparator<?>> ATOMIC = Map.of(
            Boolean.class, BooleanComparator.ASCENDING,
            Byte.class, ByteComparator.ASCENDING,
            Short.class, ShortComparator.ASCENDING,
            Character.class, CharacterComparator.ASCENDING,
            Integer.class, IntegerComparator.ASCENDING,
            Long.class, LongComparator.ASCENDING,
            Float.class, FloatComparator.ASCENDING,
            Double.class, DoubleComparator.ASCENDING,
            String.class, StringComparator.ASCENDING);

    /** The comparator of an atomic type (boxed primitive or String), ascending or descending. */
    @SuppressWarnings("unchecked")
    public static <T> AtomicComparator<T> atomic(TypeInfo<T> type, boolean ascending) {
        AtomicComparator<T> c = (AtomicComparator<T>) ATOMIC.get(type.getTypeClass());
        if (c == null || type.isCompositeType()) {
            throw new InvalidTypesException("Values of type " + type + " cannot be keys here: a key must be a boolean, "
                    + "number, char or String, or fields of those types of a tuple, POJO or record. Use a KeySelector that "
                    + "returns such a value.");
        }
        return ascending ? c : c.reversed();
    }

    /** Fields of a tuple or record by position (0-based), each ascending or descending. */
    public static <T> TypeComparator<T> fields(TypeInfo<T> type, SerializerConfig config, int[] positions, boolean[] ascending) {
        String[] names = new String[positions.length];
        FieldAccessor<T, Object>[] accessors = accessors(positions.length);
        for (int i = 0; i < positions.length; i++) {
            names[i] = "#" + positions[i];
            accessors[i] = type.getFieldAccessor(positions[i]);
        }
        return fields(type, config, names, accessors, ascending, positions.clone());
    }

    /** Fields of a POJO, record or tuple ({@code f0}, {@code f1}, …) by name, each ascending or descending. */
    public static <T> TypeComparator<T> fields(TypeInfo<T> type, SerializerConfig config, String[] names, boolean[] ascending) {
        FieldAccessor<T, Object>[] accessors = accessors(names.length);
        for (int i = 0; i < names.length; i++) {
            accessors[i] = type.getFieldAccessor(names[i]);
        }
        return fields(type, config, names.clone(), accessors, ascending, null);
    }

    /** All fields of a composite type ascending in declaration order, or the atomic value ascending. */
    public static <T> TypeComparator<T> whole(TypeInfo<T> type, SerializerConfig config) {
        if (!type.isCompositeType()) {
            return atomic(type, true);
        }
        int[] positions = new int[type.getArity()];
        boolean[] ascending = new boolean[positions.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
            ascending[i] = true;
        }
        return fields(type, config, positions, ascending);
    }

    private static <T> TypeComparator<T> fields(TypeInfo<T> type, SerializerConfig config, String[] names,
            FieldAccessor<T, Object>[] accessors, boolean[] ascending, int[] positions) {
        if (names.length == 0 || names.length != ascending.length) {
            throw new IllegalArgumentException("A key of " + type + " needs at least one field and one direction per field; got "
                    + names.length + " fields and " + ascending.length + " directions");
        }
        @SuppressWarnings("unchecked")
        AtomicComparator<Object>[] comparators = new AtomicComparator[names.length];
        for (int i = 0; i < names.length; i++) {
            try {
                comparators[i] = atomic(accessors[i].getFieldType(), ascending[i]);
            } catch (InvalidTypesException e) {
                throw new InvalidTypesException("Key field '" + names[i] + "' of " + type + ": " + e.getMessage());
            }
        }
        return new FieldsComparator<>(type.toString(), names, accessors, comparators, type.createSerializer(config), positions);
    }

    @SuppressWarnings("unchecked")
    private static <T> FieldAccessor<T, Object>[] accessors(int n) {
        return new FieldAccessor[n];
    }
}
