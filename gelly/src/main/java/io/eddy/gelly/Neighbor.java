package io.eddy.gelly;

import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/** One neighbour of a vertex as a {@link NeighborsFunction} sees it: its id and value, and the value of the edge between them. */
public record Neighbor<K, VV, EV>(K id, VV value, EV edgeValue) {
    static <K, VV, EV> TypeInfo<Neighbor<K, VV, EV>> type(TypeInfo<K> idType, TypeInfo<VV> valueType, TypeInfo<EV> edgeValueType) {
        return Types.RECORD(Neighbor.class, idType, valueType, edgeValueType);
    }
}
