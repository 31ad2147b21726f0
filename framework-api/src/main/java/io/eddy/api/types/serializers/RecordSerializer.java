package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Java records component by component, in declaration order, with the same null-bit groups as
 * POJOs; read back through the canonical constructor. A record whose components are all immutable
 * is immutable itself and is never copied.
 */
public final class RecordSerializer<T extends Record> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final TypeSerializer<Object>[] components;
    private final boolean immutable;
    private transient MethodHandle[] accessors;
    private transient MethodHandle constructor;

    @SuppressWarnings("unchecked")
    public RecordSerializer(Class<T> type, TypeSerializer<?>[] componentSerializers) {
        this.type = type;
        this.components = (TypeSerializer<Object>[]) componentSerializers.clone();
        boolean allImmutable = true;
        for (TypeSerializer<?> c : componentSerializers) {
            allImmutable &= c.isImmutableType();
        }
        this.immutable = allImmutable;
        resolve();
    }

    private void resolve() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            RecordComponent[] rc = type.getRecordComponents();
            accessors = new MethodHandle[rc.length];
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                accessors[i] = lookup.unreflect(rc[i].getAccessor()).asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
                types[i] = rc[i].getType();
            }
            constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(types))
                    .asSpreader(Object[].class, rc.length)
                    .asType(java.lang.invoke.MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot access record " + type.getName() + ": " + e, e);
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        resolve();
    }

    @Override
    public TypeSerializer<T> duplicate() {
        TypeSerializer<?>[] copies = new TypeSerializer<?>[components.length];
        boolean same = true;
        for (int i = 0; i < copies.length; i++) {
            copies[i] = components[i].duplicate();
            same &= copies[i] == components[i];
        }
        return same ? this : new RecordSerializer<>(type, copies);
    }

    @Override
    public boolean isImmutableType() {
        return immutable;
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        if (immutable) {
            return from;
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < values.length; i++) {
            Object v = get(from, i);
            values[i] = v == null ? null : components[i].copy(v);
        }
        return construct(values);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        for (int base = 0; base < components.length; base += 8) {
            int end = Math.min(base + 8, components.length);
            int nulls = 0;
            for (int i = base; i < end; i++) {
                if (get(record, i) == null) {
                    nulls |= 1 << (i - base);
                }
            }
            target.writeByte(nulls);
            for (int i = base; i < end; i++) {
                Object v = get(record, i);
                if (v != null) {
                    components[i].serialize(v, target);
                }
            }
        }
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        Object[] values = new Object[components.length];
        for (int base = 0; base < components.length; base += 8) {
            int end = Math.min(base + 8, components.length);
            int nulls = source.readByte();
            for (int i = base; i < end; i++) {
                values[i] = (nulls & (1 << (i - base))) != 0 ? null : components[i].deserialize(source);
            }
        }
        return construct(values);
    }

    public int getArity() {
        return components.length;
    }

    /** Component {@code i} of {@code record}; the accessor of a record cannot throw checked exceptions. */
    public Object get(T record, int i) {
        try {
            return accessors[i].invokeExact((Object) record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A record with the given components; invariants checked by its constructor apply. */
    public T construct(Object[] values) {
        try {
            return type.cast((Object) constructor.invokeExact(values));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordSerializer<?> r && r.type == type && Arrays.equals(r.components, components);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }
}
