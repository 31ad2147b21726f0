package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;

import java.io.IOException;
import java.io.Serializable;

/**
 * Writes values of one type to binary and reads them back. Every record that crosses a task
 * boundary, every value in keyed state and every element a batch operator sorts goes through one.
 *
 * <p>Threading: a serializer instance may keep scratch state (Kryo does), so each task thread
 * uses its own instance, obtained through {@link #duplicate()}. Stateless serializers return
 * {@code this} from {@code duplicate()}.
 *
 * <p>Serializers do not accept {@code null} records at the top level; nullable fields inside
 * tuples, POJOs and records are handled by their composite serializers.
 */
public abstract class TypeSerializer<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A serializer safe to use from another thread; {@code this} when it keeps no mutable state. */
    public abstract TypeSerializer<T> duplicate();

    /**
     * True when values of this type cannot change after construction (boxed primitives, String,
     * records of immutable types). Then {@link #copy} returns its argument and the runtime shares
     * values between chained operators without copying.
     */
    public abstract boolean isImmutableType();

    /** A fresh instance to deserialize into, or null for types that cannot be reused. */
    public abstract T createInstance();

    /** A deep copy of {@code from}; the argument itself for immutable types. */
    public abstract T copy(T from);

    /**
     * A deep copy of {@code from}, written into {@code reuse} where the type allows it (tuples), so
     * the copy allocates no new instance; returns the copy. Whatever {@code reuse} held is lost.
     */
    public T copy(T from, T reuse) {
        return copy(from);
    }

    /** The serialized length in bytes when it is the same for every value, otherwise -1. */
    public abstract int getLength();

    /**
     * Where field {@code position} of the value serialized in {@code segment} at {@code [offset, offset + length)}
     * starts, when this format puts it at a fixed distance from the end (it and every later field have a
     * fixed length) and it and every later field are present (not null); otherwise -1. Lets a reduce
     * update a fixed-length field of a serialized value in place.
     */
    public int fixedFieldOffset(int position, MemorySegment segment, int offset, int length) {
        return -1;
    }

    /**
     * A bound on the serialized length of every value, or -1 when there is none: a sorter keeps records
     * this small next to their sort keys. {@link #getLength()} unless a type knows better (a tuple of
     * fixed-length fields whose nulls take no bytes).
     */
    public int getMaxLength() {
        return getLength();
    }

    public abstract void serialize(T record, DataOutputView target) throws IOException;

    public abstract T deserialize(DataInputView source) throws IOException;

    /** Deserializes into {@code reuse} where the type allows it; returns the value read. */
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    /** Copies one serialized value from {@code source} to {@code target} without materializing it. */
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }
}
