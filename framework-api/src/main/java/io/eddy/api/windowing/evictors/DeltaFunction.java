package io.eddy.api.windowing.evictors;

import java.io.Serializable;

/** A distance between two elements, for the {@link DeltaEvictor}. */
@FunctionalInterface
public interface DeltaFunction<T> extends Serializable {
    double getDelta(T oldElement, T newElement);
}
