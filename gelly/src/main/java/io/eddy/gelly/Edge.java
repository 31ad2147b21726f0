package io.eddy.gelly;

import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/**
 * A directed edge of a {@link Graph} from {@code source} to {@code target} with a value. Several
 * edges may join the same pair (a multigraph), and an edge may join a vertex to itself. Immutable.
 */
public record Edge<K, V>(K source, K target, V value) {
    /** The type of edges with ids of {@code idType} and values of {@code valueType}. */
    public static <K, V> TypeInfo<Edge<K, V>> type(TypeInfo<K> idType, TypeInfo<V> valueType) {
        return Types.RECORD(Edge.class, idType, idType, valueType);
    }

    /** The same edge pointing the other way. */
    public Edge<K, V> reverse() {
        return new Edge<>(target, source, value);
    }
}
