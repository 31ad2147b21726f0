package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Arrays;

/**
 * POJOs field by field, in a fixed field order. Each group of up to 8 fields is preceded by a
 * byte with their null bits. A leading byte says whether the value is of exactly the POJO class
 * (0) or of a subclass (1), which then travels through Kryo so nothing is lost.
 */
public final class PojoSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final Class<?>[] owners;
    private final String[] names;
    private final TypeSerializer<Object>[] fieldSerializers;
    private final SerializerConfig config;
    private transient Field[] fields;
    private transient Constructor<T> constructor;
    private transient KryoSerializer<Object> subclasses;

    @SuppressWarnings("unchecked")
    public PojoSerializer(Class<T> type, Field[] fields, TypeSerializer<?>[] fieldSerializers, SerializerConfig config) {
        this.type = type;
        this.owners = new Class<?>[fields.length];
        this.names = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            owners[i] = fields[i].getDeclaringClass();
            names[i] = fields[i].getName();
        }
        this.fieldSerializers = (TypeSerializer<Object>[]) fieldSerializers.clone();
        this.config = config;
        resolve();
    }

    private void resolve() {
        try {
            fields = new Field[names.length];
            for (int i = 0; i < names.length; i++) {
                fields[i] = owners[i].getDeclaredField(names[i]);
                fields[i].setAccessible(true);
            }
            constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("POJO " + type.getName() + " changed: " + e, e);
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        resolve();
    }

    @Override
    public TypeSerializer<T> duplicate() {
        TypeSerializer<?>[] copies = new TypeSerializer<?>[fieldSerializers.length];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = fieldSerializers[i].duplicate();
        }
        return new PojoSerializer<>(type, fields, copies, config);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T createInstance() {
        try {
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create a " + type.getName() + " with its no-argument constructor: " + e, e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T copy(T from) {
        if (from.getClass() != type) {
            return (T) subclasses().copy(from);
        }
        T copy = createInstance();
        try {
            for (int i = 0; i < fields.length; i++) {
                Object v = fields[i].get(from);
                fields[i].set(copy, v == null ? null : fieldSerializers[i].copy(v));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return copy;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        if (record.getClass() != type) {
            target.writeByte(1);
            subclasses().serialize(record, target);
            return;
        }
        target.writeByte(0);
        try {
            for (int base = 0; base < fields.length; base += 8) {
                int end = Math.min(base + 8, fields.length);
                int nulls = 0;
                for (int i = base; i < end; i++) {
                    if (fields[i].get(record) == null) {
                        nulls |= 1 << (i - base);
                    }
                }
                target.writeByte(nulls);
                for (int i = base; i < end; i++) {
                    Object v = fields[i].get(record);
                    if (v != null) {
                        fieldSerializers[i].serialize(v, target);
                    }
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return deserialize(null, source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        if (source.readByte() != 0) {
            return type.cast(subclasses().deserialize(source));
        }
        T value = reuse != null && reuse.getClass() == type ? reuse : createInstance();
        try {
            for (int base = 0; base < fields.length; base += 8) {
                int end = Math.min(base + 8, fields.length);
                int nulls = source.readByte();
                for (int i = base; i < end; i++) {
                    fields[i].set(value, (nulls & (1 << (i - base))) != 0 ? null : fieldSerializers[i].deserialize(source));
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return value;
    }

    private KryoSerializer<Object> subclasses() {
        if (subclasses == null) {
            subclasses = new KryoSerializer<>(Object.class, config);
        }
        return subclasses;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PojoSerializer<?> p && p.type == type && Arrays.equals(p.names, names)
                && Arrays.equals(p.fieldSerializers, fieldSerializers);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(names);
    }
}
