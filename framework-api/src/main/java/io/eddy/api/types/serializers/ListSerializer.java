package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Lists as a size and elements, each behind a null flag; read back as {@link ArrayList}. */
public final class ListSerializer<E> extends TypeSerializer<List<E>> {
    private static final long serialVersionUID = 1L;

    private final TypeSerializer<E> elements;

    public ListSerializer(TypeSerializer<E> elements) {
        this.elements = elements;
    }

    @Override
    public TypeSerializer<List<E>> duplicate() {
        TypeSerializer<E> d = elements.duplicate();
        return d == elements ? this : new ListSerializer<>(d);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public List<E> createInstance() {
        return new ArrayList<>();
    }

    @Override
    public List<E> copy(List<E> from) {
        List<E> copy = new ArrayList<>(from.size());
        for (E e : from) {
            copy.add(e == null ? null : elements.copy(e));
        }
        return copy;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(List<E> record, DataOutputView target) throws IOException {
        VarInts.write(record.size(), target);
        for (E e : record) {
            target.writeBoolean(e != null);
            if (e != null) {
                elements.serialize(e, target);
            }
        }
    }

    @Override
    public List<E> deserialize(DataInputView source) throws IOException {
        int n = VarInts.read(source);
        List<E> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(source.readBoolean() ? elements.deserialize(source) : null);
        }
        return list;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListSerializer<?> l && l.elements.equals(elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode() + 1;
    }
}
