package io.eddy.runtime.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MeterViewTest {
    @Test
    void rateIsTheGrowthBetweenTheOldestAndNewestSampleOverTheirTimeSpan() {
        MeterView meter = new MeterView();
        meter.update();
        assertEquals(0.0, meter.getRate(), "one sample gives no rate yet");
        meter.markEvent(50);
        meter.update();
        assertEquals(50.0 / View.UPDATE_INTERVAL_SECONDS, meter.getRate());
        meter.markEvent(100);
        meter.update();
        assertEquals(150.0 / (2 * View.UPDATE_INTERVAL_SECONDS), meter.getRate());
        assertEquals(150, meter.getCount());
    }

    @Test
    void rateCoversTheLastMinuteOnly() {
        long[] count = {0};
        MeterView meter = new MeterView(() -> count[0]);
        int samplesPerMinute = 60 / View.UPDATE_INTERVAL_SECONDS;
        for (int i = 0; i <= samplesPerMinute; i++) { // a minute at 1000 per interval
            meter.update();
            count[0] += 1000;
        }
        assertEquals(1000.0 / View.UPDATE_INTERVAL_SECONDS, meter.getRate());
        for (int i = 0; i <= samplesPerMinute; i++) { // then a minute without events
            meter.update();
        }
        assertEquals(0.0, meter.getRate());
    }

    @Test
    void aRateOfTheRuntimesCountCannotBeMarked() {
        MeterView meter = new MeterView(() -> 7);
        assertEquals(7, meter.getCount());
        assertThrows(IllegalStateException.class, meter::markEvent);
    }

    @Test
    void timeRatioIsMillisecondsPerSecondOfTheTotalsGrowth() throws Exception {
        long[] nanos = {0};
        TimeRatioGauge gauge = new TimeRatioGauge(() -> nanos[0]);
        gauge.update();
        long start = System.nanoTime();
        Thread.sleep(50);
        nanos[0] = 10 * (System.nanoTime() - start); // more than the elapsed time: clamped
        gauge.update();
        assertEquals(1000L, gauge.getValue());
        gauge.update(); // no growth since
        assertEquals(0L, gauge.getValue());
    }

    @Test
    void histogramStatisticsOfTheValuesInTheReservoir() {
        ReservoirHistogram histogram = new ReservoirHistogram(100);
        for (int i = 1; i <= 150; i++) {
            histogram.update(i);
        }
        var s = histogram.getStatistics();
        assertEquals(150, histogram.getCount());
        assertEquals(100, s.size());
        assertEquals(51, s.min());
        assertEquals(150, s.max());
        assertEquals(100.5, s.mean());
        assertEquals(100.0, s.p50());
        assertEquals(149.0, s.p99());
    }
}
