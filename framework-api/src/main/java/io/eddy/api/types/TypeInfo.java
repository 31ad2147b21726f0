package io.eddy.api.types;

import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import java.io.Serializable;

/**
 * Describes the type of the elements of a stream or data set: its class, how to serialize it and,
 * for composite types (tuples, POJOs, records), its fields. Obtain instances from {@link Types},
 * {@link TypeExtractor} or a {@link TypeHint}.
 */
public abstract class TypeInfo<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract Class<T> getTypeClass();

    public abstract TypeSerializer<T> createSerializer(SerializerConfig config);

    /** Number of fields of a composite type; 1 for atomic types. */
    public int getArity() {
        return 1;
    }

    /** True for tuples, POJOs and records: types whose fields can be addressed by position or name. */
    public boolean isCompositeType() {
        return false;
    }

    /**
     * True when values can serve as keys: {@code equals} and {@code hashCode} are by value and
     * deterministic across JVMs (not the case for arrays, or classes relying on identity hash codes).
     */
    public abstract boolean isKeyType();

    /**
     * True when equal values (by {@code equals}) always serialize to equal bytes, so that serialized
     * keys can be grouped by their bytes, as BATCH mode does. Not so for Kryo (generic types), whose
     * bytes for a value depend on its class's fields and references, nor for maps, whose entries are
     * written in iteration order.
     */
    public boolean serializesEqualValuesAlike() {
        return true;
    }

    /** The accessor of field {@code position} (0-based) of a tuple or record, in declaration order. */
    public <F> FieldAccessor<T, F> getFieldAccessor(int position) {
        throw new InvalidTypesException("Type " + this + " has no fields: it is not a tuple, POJO or record, "
                + "so field position " + position + " cannot be used. Use a KeySelector or a function instead.");
    }

    /** The accessor of the field named {@code name} of a POJO, record or tuple ({@code f0}, {@code f1}, …). */
    public <F> FieldAccessor<T, F> getFieldAccessor(String name) {
        throw new InvalidTypesException("Type " + this + " has no fields: it is not a tuple, POJO or record, "
                + "so field '" + name + "' cannot be used. Use a KeySelector or a function instead.");
    }

    /** Readable type description, e.g. {@code Tuple2<String, Integer>}. */
    @Override
    public abstract String toString();

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();
}
