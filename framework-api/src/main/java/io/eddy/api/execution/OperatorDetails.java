package io.eddy.api.execution;

/** Records in and out of one operator, summed over its subtasks. */
public record OperatorDetails(String name, long recordsIn, long recordsOut) {}
