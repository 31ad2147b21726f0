package io.eddy.api.windowing.assigners;

import io.eddy.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class SlidingTimeWindowsTest {
    private static final WindowAssigner.Context NO_PROCESSING_TIME = () -> {
        throw new AssertionError("an event-time assigner asked for the processing time");
    };

    /** The windows by their definition: every [start, start + size) holding t, start = offset mod slide. */
    private static List<TimeWindow> containing(long t, long size, long slide, long offset) {
        List<TimeWindow> windows = new ArrayList<>();
        long first = t - size - 2 * slide;
        first -= Math.floorMod(first - offset, slide);
        for (long start = t; start >= first; start--) {
            if (Math.floorMod(start - offset, slide) == 0 && start <= t && t < start + size) {
                windows.add(new TimeWindow(start, start + size));
            }
        }
        return windows;
    }

    @Test
    void everyTimeGetsExactlyTheWindowsHoldingItLatestFirst() {
        // size a multiple of the slide, not one, and smaller than the slide (times between windows get none)
        long[][] shapes = {{100, 25, 0}, {100, 30, 7}, {150, 100, 0}, {10, 40, 5}};
        for (long[] shape : shapes) {
            SlidingEventTimeWindows assigner = SlidingEventTimeWindows.of(Duration.ofMillis(shape[0]),
                    Duration.ofMillis(shape[1]), Duration.ofMillis(shape[2]));
            // in order, then out of order: the reused assignment must never leak into the next time
            for (int pass = 0; pass < 2; pass++) {
                for (long i = -400; i <= 400; i++) {
                    long t = pass == 0 ? i : (i * 7919) % 401;
                    assertEquals(containing(t, shape[0], shape[1], shape[2]),
                            List.copyOf(assigner.assignWindows("e", t, NO_PROCESSING_TIME)),
                            "size " + shape[0] + ", slide " + shape[1] + ", offset " + shape[2] + ", time " + t);
                }
            }
        }
    }

    @Test
    void elementsOfTheSameWindowsShareTheAssignment() {
        SlidingEventTimeWindows assigner = SlidingEventTimeWindows.of(Duration.ofMillis(100), Duration.ofMillis(50));
        Collection<TimeWindow> first = assigner.assignWindows("a", 60, NO_PROCESSING_TIME);
        assertEquals(List.of(new TimeWindow(50, 150), new TimeWindow(0, 100)), first);
        assertSame(first, assigner.assignWindows("b", 99, NO_PROCESSING_TIME));
        assertEquals(List.of(new TimeWindow(100, 200), new TimeWindow(50, 150)),
                assigner.assignWindows("c", 100, NO_PROCESSING_TIME));
    }
}
