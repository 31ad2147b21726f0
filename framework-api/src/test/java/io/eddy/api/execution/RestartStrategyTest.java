package io.eddy.api.execution;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartStrategyTest {

    /** The delays a strategy answers for failures at the given times, until it lets the job fail (-1). */
    private static List<Long> delays(RestartStrategy strategy, long... failureTimes) {
        List<Long> seen = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        int restarts = 0;
        for (long time : failureTimes) {
            seen.add(time);
            long delay = strategy.nextDelay(restarts, seen);
            delays.add(delay);
            if (delay < 0) {
                break;
            }
            restarts++;
        }
        return delays;
    }

    @Test
    void fixedDelayAllowsItsAttempts() {
        assertEquals(List.of(50L, 50L, -1L), delays(RestartStrategy.fixedDelay(2, 50), 1, 2, 3, 4));
        assertEquals(List.of(-1L), delays(RestartStrategy.none(), 1));
    }

    @Test
    void failureRateCountsFailuresWithinTheInterval() {
        RestartStrategy twoPerSecond = RestartStrategy.failureRate(2, 1000, 10);
        // failures spread out are always restarted; three within a second are not
        assertEquals(List.of(10L, 10L, 10L, 10L), delays(twoPerSecond, 0, 900, 2000, 2900));
        assertEquals(List.of(10L, 10L, -1L), delays(twoPerSecond, 0, 400, 800, 5000));
    }

    @Test
    void exponentialDelayGrowsUpToItsMaximum() {
        assertEquals(List.of(100L, 200L, 400L, 500L, 500L, -1L),
                delays(RestartStrategy.exponentialDelay(100, 500, 2.0, 5), 1, 2, 3, 4, 5, 6));
    }

    @Test
    void strategiesComeFromConfiguration() {
        assertNull(RestartStrategy.fromConfiguration(new Configuration()));
        Configuration rate = new Configuration();
        rate.setString("restart-strategy", "failure-rate");
        rate.setString("restart-strategy.failure-rate.max-failures-per-interval", "3");
        rate.setString("restart-strategy.failure-rate.failure-rate-interval", "5 min");
        rate.setString("restart-strategy.failure-rate.delay", "2 s");
        assertEquals(RestartStrategy.failureRate(3, 300_000, 2000), RestartStrategy.fromConfiguration(rate));
        Configuration exponential = new Configuration();
        exponential.setString("restart-strategy", "exponential-delay");
        exponential.setString("restart-strategy.exponential-delay.initial-backoff", "10 ms");
        assertEquals(RestartStrategy.exponentialDelay(10, 60_000, 2.0, Integer.MAX_VALUE),
                RestartStrategy.fromConfiguration(exponential));

        Configuration unknown = new Configuration();
        unknown.setString("restart-strategy", "sometimes");
        IllegalConfigurationException e = assertThrows(IllegalConfigurationException.class,
                () -> RestartStrategy.fromConfiguration(unknown));
        assertTrue(e.getMessage().contains("use none, fixed-delay, failure-rate or exponential-delay"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RestartStrategy.exponentialDelay(100, 50, 2.0, 1));
    }
}
