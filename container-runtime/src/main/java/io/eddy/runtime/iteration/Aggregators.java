package io.eddy.runtime.iteration;

import io.eddy.api.dataset.aggregators.Aggregator;
import io.eddy.runtime.jobgraph.SerializedObjects;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies of the aggregators a program registered: each user of one gets its own, reset. */
final class Aggregators {
    private Aggregators() {}

    /** A reset copy of {@code prototype}, made through serialization (aggregators are serializable). */
    @SuppressWarnings("unchecked")
    static <A extends Aggregator<?>> A fresh(A prototype) {
        try {
            A copy = SerializedObjects.deserialize(SerializedObjects.serialize(prototype), prototype.getClass().getClassLoader());
            copy.reset();
            return copy;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot copy aggregator " + prototype.getClass().getName() + ": " + e, e);
        }
    }

    static Map<String, Aggregator<?>> freshAll(Map<String, Aggregator<?>> prototypes) {
        Map<String, Aggregator<?>> copies = new LinkedHashMap<>();
        prototypes.forEach((name, prototype) -> copies.put(name, fresh(prototype)));
        return copies;
    }

    /** Folds {@code value} into {@code aggregator}. */
    @SuppressWarnings("unchecked")
    static void fold(Aggregator<?> aggregator, Serializable value) {
        ((Aggregator<Serializable>) aggregator).aggregate(value);
    }
}
