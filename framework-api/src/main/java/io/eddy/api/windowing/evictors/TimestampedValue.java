package io.eddy.api.windowing.evictors;

/** An element of a window with its event timestamp ({@code Output.NO_TIMESTAMP} when it has none). */
public record TimestampedValue<T>(T value, long timestamp) {}
