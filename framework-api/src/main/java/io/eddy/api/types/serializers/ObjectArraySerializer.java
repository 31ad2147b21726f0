package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;
import java.lang.reflect.Array;

/** Arrays of objects as a length and elements, each behind a null flag. */
public final class ObjectArraySerializer<E> extends TypeSerializer<E[]> {
    private static final long serialVersionUID = 1L;

    private final Class<E> componentType;
    private final TypeSerializer<E> elements;

    public ObjectArraySerializer(Class<E> componentType, TypeSerializer<E> elements) {
        this.componentType = componentType;
        this.elements = elements;
    }

    @Override
    public TypeSerializer<E[]> duplicate() {
        TypeSerializer<E> d = elements.duplicate();
        return d == elements ? this : new ObjectArraySerializer<>(componentType, d);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public E[] createInstance() {
        return newArray(0);
    }

    @SuppressWarnings("unchecked")
    private E[] newArray(int n) {
        return (E[]) Array.newInstance(componentType, n);
    }

    @Override
    public E[] copy(E[] from) {
        E[] copy = newArray(from.length);
        for (int i = 0; i < from.length; i++) {
            copy[i] = from[i] == null ? null : elements.copy(from[i]);
        }
        return copy;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(E[] record, DataOutputView target) throws IOException {
        VarInts.write(record.length, target);
        for (E e : record) {
            target.writeBoolean(e != null);
            if (e != null) {
                elements.serialize(e, target);
            }
        }
    }

    @Override
    public E[] deserialize(DataInputView source) throws IOException {
        E[] array = newArray(VarInts.read(source));
        for (int i = 0; i < array.length; i++) {
            array[i] = source.readBoolean() ? elements.deserialize(source) : null;
        }
        return array;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectArraySerializer<?> a && a.componentType == componentType && a.elements.equals(elements);
    }

    @Override
    public int hashCode() {
        return componentType.hashCode();
    }
}
