package io.eddy.gelly;

import io.eddy.api.functions.Function;

/** The new value of a vertex from its value and the record of a data set joined to it ({@link Graph#joinWithVertices}). */
@FunctionalInterface
public interface VertexJoinFunction<VV, T> extends Function {
    VV vertexJoin(VV value, T input) throws Exception;
}
