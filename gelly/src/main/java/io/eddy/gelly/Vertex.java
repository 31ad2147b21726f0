package io.eddy.gelly;

import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/**
 * A vertex of a {@link Graph}: its id (unique in the graph) and its value. Immutable; a
 * transformation that changes the value builds a new vertex.
 */
public record Vertex<K, V>(K id, V value) {
    /** The type of vertices with ids of {@code idType} and values of {@code valueType}. */
    public static <K, V> TypeInfo<Vertex<K, V>> type(TypeInfo<K> idType, TypeInfo<V> valueType) {
        return Types.RECORD(Vertex.class, idType, valueType);
    }
}
