package io.eddy.gelly.bipartite;

import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/**
 * The value of an edge of a full projection of a {@link BipartiteGraph}: the vertex of the other side
 * that both ends share ({@code intermediateId}, {@code intermediateValue}) and the values of the two
 * bipartite edges, from the projected edge's source and from its target to that vertex.
 */
public record Projection<KI, VVI, EV>(KI intermediateId, VVI intermediateValue, EV sourceEdgeValue, EV targetEdgeValue) {
    public static <KI, VVI, EV> TypeInfo<Projection<KI, VVI, EV>> type(TypeInfo<KI> idType, TypeInfo<VVI> valueType,
            TypeInfo<EV> edgeValueType) {
        return Types.RECORD(Projection.class, idType, valueType, edgeValueType, edgeValueType);
    }
}
