package io.eddy.api.functions;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.types.FieldAccessor;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.ByteSerializer;
import io.eddy.api.types.serializers.DoubleSerializer;
import io.eddy.api.types.serializers.FloatSerializer;
import io.eddy.api.types.serializers.IntSerializer;
import io.eddy.api.types.serializers.LongSerializer;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.ShortSerializer;
import io.eddy.api.types.serializers.TypeSerializer;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The built-in aggregations of a keyed stream ({@code sum}, {@code min}, {@code max},
 * {@code minBy}, {@code maxBy}) as a reduce over one field. {@code sum}, {@code min} and
 * {@code max} keep the other fields of the first element of the key; {@code minBy} and
 * {@code maxBy} return the whole element holding the extreme value (the earliest on ties).
 *
 * <p>{@code sum}, {@code min} and {@code max} build their result as a deep copy of the first
 * argument with the new field value, never changing an argument. A caller that hands over each
 * second argument for good (a keyed running aggregation: the element goes to this key's state
 * and nowhere else) can say so with {@link #consumingInput()}; the copy is then written into the
 * second argument where the type allows it (tuples), so a record allocates no new tuple.
 *
 * <p>{@code sum}, {@code min} and {@code max} over a primitive number field at a tuple position also
 * reduce into a serialized running result ({@link #reduceSerialized}): the field's bytes are read,
 * combined and written back where the serializer keeps them, when it keeps them at a fixed place.
 */
public final class FieldAggregator<T> implements SerializedReduceFunction<T> {
    private static final long serialVersionUID = 1L;

    /** Which aggregation. */
    public enum Kind {
        SUM("sum"),
        MIN("min"),
        MAX("max"),
        MIN_BY("minBy"),
        MAX_BY("maxBy");

        final String apiName;

        Kind(String apiName) {
            this.apiName = apiName;
        }
    }

    private final Kind kind;
    private final FieldAccessor<T, Object> field;
    /** The field's position for {@link TypeSerializer#fixedFieldOffset}, or -1 when named. */
    private final int position;
    private final TypeSerializer<T> serializer;
    private final Arithmetic arithmetic;
    /** Whether the result may be built in the second argument of {@link #reduce}. */
    private final boolean consumesInput;
    /** Whether {@link #reduceSerialized} may work: a fixed-width number in its primitive serializer's form. */
    private final boolean serializedReduce;

    private FieldAggregator(Kind kind, FieldAccessor<T, Object> field, int position, TypeSerializer<T> serializer,
            boolean consumesInput) {
        this.kind = kind;
        this.field = field;
        this.position = position;
        this.serializer = serializer;
        this.consumesInput = consumesInput;
        Class<?> fieldClass = field.getFieldType().getTypeClass();
        this.arithmetic = Arithmetic.of(fieldClass);
        if (arithmetic == null && kind == Kind.SUM) {
            throw new InvalidTypesException("Cannot sum a field of type " + field.getFieldType()
                    + ": sum needs a numeric field (int, long, short, byte, float, double, BigInteger, BigDecimal).");
        }
        if (kind != Kind.SUM && !Comparable.class.isAssignableFrom(boxed(fieldClass))) {
            throw new InvalidTypesException("Cannot compute " + kind.apiName + " over a field of type " + field.getFieldType() + ": the field type must be Comparable.");
        }
        this.serializedReduce = position >= 0 && arithmetic != null && arithmetic.serializer != null
                && (kind == Kind.SUM || kind == Kind.MIN || kind == Kind.MAX)
                && field.getFieldType().createSerializer(new SerializerConfig()).getClass() == arithmetic.serializer;
    }

    /** An aggregation over field {@code position} of {@code type} (0 addresses an atomic value itself). */
    public static <T> FieldAggregator<T> at(Kind kind, TypeInfo<T> type, int position, TypeSerializer<T> serializer) {
        return new FieldAggregator<>(kind, accessor(type, position), type.isCompositeType() ? position : -1,
                serializer, false);
    }

    /** An aggregation over the field named {@code name} of a POJO, record or tuple. */
    public static <T> FieldAggregator<T> named(Kind kind, TypeInfo<T> type, String name, TypeSerializer<T> serializer) {
        return new FieldAggregator<>(kind, type.getFieldAccessor(name), -1, serializer, false);
    }

    /**
     * This aggregation for a caller that never uses the second argument of {@link #reduce} again
     * and holds no other reference to it: the result may be that argument, overwritten.
     */
    public FieldAggregator<T> consumingInput() {
        return new FieldAggregator<>(kind, field, position, serializer, true);
    }

    private static <T> FieldAccessor<T, Object> accessor(TypeInfo<T> type, int position) {
        if (!type.isCompositeType()) {
            if (position != 0) {
                throw new InvalidTypesException("Type " + type + " is atomic: only position 0 (the value itself) "
                        + "can be aggregated, not " + position + ".");
            }
            return new SelfAccessor<>(type);
        }
        if (position < 0 || position >= type.getArity()) {
            throw new InvalidTypesException("Field position " + position + " is out of range for " + type
                    + ": it has " + type.getArity() + " fields (0.." + (type.getArity() - 1) + ").");
        }
        return type.getFieldAccessor(position);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T reduce(T current, T next) {
        Object a = field.get(current);
        Object b = field.get(next);
        switch (kind) {
            case SUM:
                return field.set(copy(current, next), arithmetic.add(a, b));
            case MIN:
                return ((Comparable<Object>) b).compareTo(a) < 0 ? field.set(copy(current, next), b) : current;
            case MAX:
                return ((Comparable<Object>) b).compareTo(a) > 0 ? field.set(copy(current, next), b) : current;
            case MIN_BY:
                return ((Comparable<Object>) b).compareTo(a) < 0 ? next : current;
            default:
                return ((Comparable<Object>) b).compareTo(a) > 0 ? next : current;
        }
    }

    @Override
    public boolean reduceSerialized(MemorySegment segment, int offset, int length, T next, TypeSerializer<T> serializer) {
        if (!serializedReduce) {
            return false;
        }
        Object value = field.get(next);
        int at = value == null ? -1 : serializer.fixedFieldOffset(position, segment, offset, length);
        if (at < 0) {
            return false;
        }
        arithmetic.reduceSerialized(kind, segment, at, value);
        return true;
    }

    /** A deep copy of {@code current}, in {@code next} when the caller handed it over. */
    private T copy(T current, T next) {
        return consumesInput ? serializer.copy(current, next) : serializer.copy(current);
    }

    private static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return c == int.class ? Integer.class : c == long.class ? Long.class : c == double.class ? Double.class
                : c == float.class ? Float.class : c == short.class ? Short.class : c == byte.class ? Byte.class
                : c == char.class ? Character.class : Boolean.class;
    }

    /**
     * Addition for one numeric class and, for the primitive ones, sum, min and max on the bytes their
     * serializer writes (big-endian; floating-point numbers by their canonical bits), ordered as
     * {@code compareTo} orders the boxed values.
     */
    private enum Arithmetic {
        INT(IntSerializer.class) {
            Object add(Object a, Object b) {
                return (Integer) a + (Integer) b;
            }

            void reduceSerialized(Kind kind, MemorySegment s, int at, Object next) {
                int a = s.getInt(at);
                int b = (Integer) next;
                s.putInt(at, kind == Kind.SUM ? a + b : kind == Kind.MIN ? Math.min(a, b) : Math.max(a, b));
            }
        },
        LONG(LongSerializer.class) {
            Object add(Object a, Object b) {
                return (Long) a + (Long) b;
            }

            void reduceSerialized(Kind kind, MemorySegment s, int at, Object next) {
                long a = s.getLong(at);
                long b = (Long) next;
                s.putLong(at, kind == Kind.SUM ? a + b : kind == Kind.MIN ? Math.min(a, b) : Math.max(a, b));
            }
        },
        SHORT(ShortSerializer.class) {
            Object add(Object a, Object b) {
                return (short) ((Short) a + (Short) b);
            }

            void reduceSerialized(Kind kind, MemorySegment s, int at, Object next) {
                short a = s.getShort(at);
                short b = (Short) next;
                s.putShort(at, kind == Kind.SUM ? (short) (a + b) : kind == Kind.MIN ? (short) Math.min(a, b) : (short) Math.max(a, b));
            }
        },
        BYTE(ByteSerializer.class) {
            Object add(Object a, Object b) {
                return (byte) ((Byte) a + (Byte) b);
            }

            void reduceSerialized(Kind kind, MemorySegment s, int at, Object next) {
                byte a = s.get(at);
                byte b = (Byte) next;
                s.put(at, kind == Kind.SUM ? (byte) (a + b) : kind == Kind.MIN ? (byte) Math.min(a, b) : (byte) Math.max(a, b));
            }
        },
        FLOAT(FloatSerializer.class) {
            Object add(Object a, Object b) {
                return (Float) a + (Float) b;
            }

            void reduceSerialized(Kind kind, MemorySegment s, int at, Object next) {
                float a = Float.intBitsToFloat(s.getInt(at));
                float b = (Float) next;
                float r = kind == Kind.SUM ? a + b : kind == Kind.MIN ? (Float.compare(b, a) < 0 ? b : a) : (Float.compare(b, a) > 0 ? b : a);
                s.putInt(at, Float.floatToIntBits(r));
            }
        },
        DOUBLE(DoubleSerializer.class) {
            Object add(Object a, Object b) {
                return (Double) a + (Double) b;
            }

            void reduceSerialized(Kind kind, MemorySegment s, int at, Object next) {
                double a = Double.longBitsToDouble(s.getLong(at));
                double b = (Double) next;
                double r = kind == Kind.SUM ? a + b : kind == Kind.MIN ? (Double.compare(b, a) < 0 ? b : a) : (Double.compare(b, a) > 0 ? b : a);
                s.putLong(at, Double.doubleToLongBits(r));
            }
        },
        BIG_INTEGER(null) {
            Object add(Object a, Object b) {
                return ((BigInteger) a).add((BigInteger) b);
            }
        },
        BIG_DECIMAL(null) {
            Object add(Object a, Object b) {
                return ((BigDecimal) a).add((BigDecimal) b);
            }
        };

        /** The serializer whose bytes {@link #reduceSerialized} reads and writes; null: none. */
        final Class<?> serializer;

        Arithmetic(Class<?> serializer) {
            this.serializer = serializer;
        }

        abstract Object add(Object a, Object b);

        /** Sum, min or max of the serialized number at {@code at} and {@code next}, written back there. */
        void reduceSerialized(Kind kind, MemorySegment s, int at, Object next) {
            throw new UnsupportedOperationException(this + " numbers have no fixed-width serialized form");
        }

        static Arithmetic of(Class<?> c) {
            Class<?> b = boxed(c);
            if (b == Integer.class) {
                return INT;
            } else if (b == Long.class) {
                return LONG;
            } else if (b == Short.class) {
                return SHORT;
            } else if (b == Byte.class) {
                return BYTE;
            } else if (b == Float.class) {
                return FLOAT;
            } else if (b == Double.class) {
                return DOUBLE;
            } else if (b == BigInteger.class) {
                return BIG_INTEGER;
            } else if (b == BigDecimal.class) {
                return BIG_DECIMAL;
            }
            return null;
        }
    }

    /** Position 0 of an atomic type: the value itself. */
    private record SelfAccessor<T>(TypeInfo<T> type) implements FieldAccessor<T, Object> {
        @Override
        public Object get(T value) {
            return value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T set(T value, Object field) {
            return (T) field;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TypeInfo<Object> getFieldType() {
            return (TypeInfo<Object>) type;
        }
    }
}
