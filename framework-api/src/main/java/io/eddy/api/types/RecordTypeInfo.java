package io.eddy.api.types;

import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.serializers.RecordSerializer;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A Java record. Components are addressed by position (declaration order) or name; setting one
 * builds a new record. A key type when all components are (records compare by value).
 */
public final class RecordTypeInfo<T extends Record> extends TypeInfo<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final String[] names;
    private final TypeInfo<?>[] componentTypes;

    RecordTypeInfo(Class<T> type, TypeInfo<?>[] componentTypes) {
        this.type = type;
        RecordComponent[] rc = type.getRecordComponents();
        this.names = new String[rc.length];
        for (int i = 0; i < rc.length; i++) {
            names[i] = rc[i].getName();
        }
        this.componentTypes = componentTypes.clone();
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public RecordSerializer<T> createSerializer(SerializerConfig config) {
        TypeSerializer<?>[] serializers = new TypeSerializer<?>[componentTypes.length];
        for (int i = 0; i < serializers.length; i++) {
            serializers[i] = componentTypes[i].createSerializer(config);
        }
        return new RecordSerializer<>(type, serializers);
    }

    @Override
    public int getArity() {
        return names.length;
    }

    @Override
    public boolean isCompositeType() {
        return true;
    }

    @Override
    public boolean isKeyType() {
        for (TypeInfo<?> c : componentTypes) {
            if (!c.isKeyType()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean serializesEqualValuesAlike() {
        for (TypeInfo<?> field : componentTypes) {
            if (!field.serializesEqualValuesAlike()) {
                return false;
            }
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <F> FieldAccessor<T, F> getFieldAccessor(int position) {
        if (position < 0 || position >= names.length) {
            throw new InvalidTypesException("Component position " + position + " is out of range for record "
                    + type.getName() + " (0.." + (names.length - 1) + ")");
        }
        return new ComponentAccessor<>(createSerializer(new SerializerConfig()), position,
                (TypeInfo<F>) componentTypes[position]);
    }

    @Override
    public <F> FieldAccessor<T, F> getFieldAccessor(String name) {
        int i = Arrays.asList(names).indexOf(name);
        if (i < 0) {
            throw new InvalidTypesException("Record " + type.getName() + " has no component '" + name
                    + "'; its components are " + String.join(", ", names));
        }
        return getFieldAccessor(i);
    }

    /** One component of a record; setting it creates a new record through the canonical constructor. */
    private record ComponentAccessor<T extends Record, F>(RecordSerializer<T> serializer, int position,
            TypeInfo<F> fieldType) implements FieldAccessor<T, F> {
        @Override
        @SuppressWarnings("unchecked")
        public F get(T value) {
            return (F) serializer.get(value, position);
        }

        @Override
        public T set(T value, F field) {
            Object[] values = new Object[serializer.getArity()];
            for (int i = 0; i < values.length; i++) {
                values[i] = i == position ? field : serializer.get(value, i);
            }
            return serializer.construct(values);
        }

        @Override
        public TypeInfo<F> getFieldType() {
            return fieldType;
        }
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "Record<" + type.getName() + " (", ")>");
        for (int i = 0; i < names.length; i++) {
            j.add(componentTypes[i] + " " + names[i]);
        }
        return j.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordTypeInfo<?> r && r.type == type && Arrays.equals(r.componentTypes, componentTypes);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }
}
