package io.eddy.api.types;

import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.tuple.Tuple;
import io.eddy.api.types.serializers.TupleSerializer;

import java.util.Arrays;
import java.util.StringJoiner;

/** {@code Tuple1..Tuple5} with known field types. A key type when all fields are. */
public final class TupleTypeInfo<T extends Tuple> extends TypeInfo<T> {
    private static final long serialVersionUID = 1L;

    private final TypeInfo<?>[] fieldTypes;

    TupleTypeInfo(TypeInfo<?>[] fieldTypes) {
        if (fieldTypes.length < 1 || fieldTypes.length > Tuple.MAX_ARITY) {
            throw new InvalidTypesException("Tuples have 1 to " + Tuple.MAX_ARITY + " fields, not " + fieldTypes.length);
        }
        this.fieldTypes = fieldTypes.clone();
    }

    public TypeInfo<?> getFieldType(int position) {
        return fieldTypes[position];
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<T> getTypeClass() {
        return (Class<T>) Tuple.getTupleClass(fieldTypes.length);
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        TypeSerializer<?>[] fields = new TypeSerializer<?>[fieldTypes.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fieldTypes[i].createSerializer(config);
        }
        return new TupleSerializer<>(fields);
    }

    @Override
    public int getArity() {
        return fieldTypes.length;
    }

    @Override
    public boolean isCompositeType() {
        return true;
    }

    @Override
    public boolean isKeyType() {
        for (TypeInfo<?> f : fieldTypes) {
            if (!f.isKeyType()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean serializesEqualValuesAlike() {
        for (TypeInfo<?> field : fieldTypes) {
            if (!field.serializesEqualValuesAlike()) {
                return false;
            }
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <F> FieldAccessor<T, F> getFieldAccessor(int position) {
        if (position < 0 || position >= fieldTypes.length) {
            throw new InvalidTypesException("Field position " + position + " is out of range for " + this + " (0.."
                    + (fieldTypes.length - 1) + ")");
        }
        return new TupleFieldAccessor<>(position, (TypeInfo<F>) fieldTypes[position]);
    }

    @Override
    public <F> FieldAccessor<T, F> getFieldAccessor(String name) {
        if (name.length() == 2 && name.charAt(0) == 'f' && Character.isDigit(name.charAt(1))) {
            return getFieldAccessor(name.charAt(1) - '0');
        }
        throw new InvalidTypesException(this + " has no field '" + name + "': tuple fields are f0.."
                + "f" + (fieldTypes.length - 1));
    }

    /** Field {@code position} of a tuple. */
    private record TupleFieldAccessor<T extends Tuple, F>(int position, TypeInfo<F> fieldType)
            implements FieldAccessor<T, F> {
        @Override
        public F get(T value) {
            return value.getField(position);
        }

        @Override
        public T set(T value, F field) {
            value.setField(field, position);
            return value;
        }

        @Override
        public TypeInfo<F> getFieldType() {
            return fieldType;
        }
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "Tuple" + fieldTypes.length + "<", ">");
        for (TypeInfo<?> f : fieldTypes) {
            j.add(f.toString());
        }
        return j.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TupleTypeInfo<?> t && Arrays.equals(t.fieldTypes, fieldTypes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fieldTypes);
    }
}
