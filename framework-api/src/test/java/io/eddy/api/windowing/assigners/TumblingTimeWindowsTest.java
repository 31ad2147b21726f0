package io.eddy.api.windowing.assigners;

import io.eddy.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TumblingTimeWindowsTest {
    private static final WindowAssigner.Context NO_PROCESSING_TIME = () -> {
        throw new AssertionError("an event-time assigner asked for the processing time");
    };

    @Test
    void elementsOfOneWindowShareTheAssignmentAndAnotherWindowGetsItsOwn() {
        TumblingEventTimeWindows assigner = TumblingEventTimeWindows.of(Duration.ofMillis(100), Duration.ofMillis(10));

        Collection<TimeWindow> first = assigner.assignWindows("a", 10, NO_PROCESSING_TIME);
        assertEquals(List.of(new TimeWindow(10, 110)), first);
        assertSame(first, assigner.assignWindows("b", 109, NO_PROCESSING_TIME));

        assertEquals(List.of(new TimeWindow(110, 210)), assigner.assignWindows("c", 110, NO_PROCESSING_TIME));
        assertEquals(List.of(new TimeWindow(-90, 10)), assigner.assignWindows("late", 9, NO_PROCESSING_TIME));
        assertEquals(List.of(new TimeWindow(10, 110)), assigner.assignWindows("back", 50, NO_PROCESSING_TIME));
    }
}
