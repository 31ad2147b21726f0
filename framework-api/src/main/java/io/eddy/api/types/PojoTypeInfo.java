package io.eddy.api.types;

import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.serializers.PojoSerializer;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A POJO: a public class with a public no-argument constructor whose fields are public or have
 * getters and setters. Serialized field by field (sorted by name) without Kryo. A key type when it
 * overrides {@code hashCode}.
 */
public final class PojoTypeInfo<T> extends TypeInfo<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final Class<?>[] owners;
    private final String[] names;
    private final TypeInfo<?>[] fieldTypes;

    PojoTypeInfo(Class<T> type, Field[] fields, TypeInfo<?>[] fieldTypes) {
        this.type = type;
        this.owners = new Class<?>[fields.length];
        this.names = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            owners[i] = fields[i].getDeclaringClass();
            names[i] = fields[i].getName();
        }
        this.fieldTypes = fieldTypes.clone();
    }

    private Field field(int i) {
        try {
            Field f = owners[i].getDeclaredField(names[i]);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("POJO " + type.getName() + " changed: no field " + names[i], e);
        }
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        Field[] fields = new Field[names.length];
        TypeSerializer<?>[] serializers = new TypeSerializer<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            fields[i] = field(i);
            serializers[i] = fieldTypes[i].createSerializer(config);
        }
        return new PojoSerializer<>(type, fields, serializers, config);
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
        return TypeExtractor.overridesHashCode(type);
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
    public <F> FieldAccessor<T, F> getFieldAccessor(int position) {
        throw new InvalidTypesException("POJO fields are addressed by name, not position: use one of "
                + String.join(", ", names) + " for " + type.getName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <F> FieldAccessor<T, F> getFieldAccessor(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return new PojoFieldAccessor<>(owners[i], name, (TypeInfo<F>) fieldTypes[i]);
            }
        }
        throw new InvalidTypesException("POJO " + type.getName() + " has no field '" + name + "'; its fields are "
                + String.join(", ", names));
    }

    /** One field of a POJO, set in place. */
    private static final class PojoFieldAccessor<T, F> implements FieldAccessor<T, F> {
        private static final long serialVersionUID = 1L;

        private final Class<?> owner;
        private final String name;
        private final TypeInfo<F> fieldType;
        private transient Field field;

        PojoFieldAccessor(Class<?> owner, String name, TypeInfo<F> fieldType) {
            this.owner = owner;
            this.name = name;
            this.fieldType = fieldType;
        }

        private Field field() {
            if (field == null) {
                try {
                    Field f = owner.getDeclaredField(name);
                    f.setAccessible(true);
                    field = f;
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
            }
            return field;
        }

        @Override
        @SuppressWarnings("unchecked")
        public F get(T value) {
            try {
                return (F) field().get(value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public T set(T value, F f) {
            try {
                field().set(value, f);
                return value;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public TypeInfo<F> getFieldType() {
            return fieldType;
        }
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "POJO<" + type.getName() + " {", "}>");
        for (int i = 0; i < names.length; i++) {
            j.add(names[i] + ": " + fieldTypes[i]);
        }
        return j.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PojoTypeInfo<?> p && p.type == type && Arrays.equals(p.fieldTypes, fieldTypes);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }
}
