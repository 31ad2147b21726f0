package io.eddy.gelly.bipartite;

import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/** An edge of a {@link BipartiteGraph}: from top vertex {@code topId} to bottom vertex {@code bottomId}, with a value. Immutable. */
public record BipartiteEdge<KT, KB, EV>(KT topId, KB bottomId, EV value) {
    public static <KT, KB, EV> TypeInfo<BipartiteEdge<KT, KB, EV>> type(TypeInfo<KT> topType, TypeInfo<KB> bottomType,
            TypeInfo<EV> valueType) {
        return Types.RECORD(BipartiteEdge.class, topType, bottomType, valueType);
    }
}
