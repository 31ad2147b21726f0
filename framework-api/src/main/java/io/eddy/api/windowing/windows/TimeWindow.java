package io.eddy.api.windowing.windows;

import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/** The time interval [{@code start}, {@code end}) in milliseconds. */
public record TimeWindow(long start, long end) implements Window {
    public static final TypeInfo<TimeWindow> TYPE = Types.of(TimeWindow.class);

    public TimeWindow {
        if (end <= start) {
            throw new IllegalArgumentException("A time window must end after it starts: [" + start + ", " + end + ")");
        }
    }

    /** Same as {@link #start()}; the name Flink programs use. */
    public long getStart() {
        return start;
    }

    /** Same as {@link #end()} (exclusive); the name Flink programs use. */
    public long getEnd() {
        return end;
    }

    @Override
    public long maxTimestamp() {
        return end - 1;
    }

    /** True when the windows overlap or touch, so that sessions separated by no gap merge. */
    public boolean intersects(TimeWindow other) {
        return start <= other.end && end >= other.start;
    }

    /** The smallest window that contains both. */
    public TimeWindow cover(TimeWindow other) {
        return new TimeWindow(Math.min(start, other.start), Math.max(end, other.end));
    }

    // explicit rather than the record's generated methods: windows are hashed for every state and timer access

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeWindow w && start == w.start && end == w.end;
    }

    @Override
    public int hashCode() {
        long h = start * 0x9E3779B97F4A7C15L + end;
        return (int) (h ^ (h >>> 32));
    }

    /** The start of the window of length {@code size} that contains {@code timestamp}, windows aligned to {@code offset}. */
    public static long windowStart(long timestamp, long offset, long size) {
        return timestamp - Math.floorMod(timestamp - offset, size);
    }
}
