package io.eddy.gelly;

import io.eddy.api.functions.Function;

/** The new value of an edge from its value and the record of a data set joined to it ({@link Graph#joinWithEdges}). */
@FunctionalInterface
public interface EdgeJoinFunction<EV, T> extends Function {
    EV edgeJoin(EV value, T input) throws Exception;
}
