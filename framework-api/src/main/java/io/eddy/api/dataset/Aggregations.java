package io.eddy.api.dataset;

import io.eddy.api.functions.FieldAggregator;

/** The built-in per-key aggregations of one numeric field. */
public enum Aggregations {
    SUM(FieldAggregator.Kind.SUM),
    MIN(FieldAggregator.Kind.MIN),
    MAX(FieldAggregator.Kind.MAX);

    final FieldAggregator.Kind kind;

    Aggregations(FieldAggregator.Kind kind) {
        this.kind = kind;
    }
}
