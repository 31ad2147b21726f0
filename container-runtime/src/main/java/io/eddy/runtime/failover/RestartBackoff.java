package io.eddy.runtime.failover;

import io.eddy.api.execution.RestartStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, failure after failure, whether a job restarts and after which delay, by its
 * {@link RestartStrategy} (fixed delay, failure rate, none) over the job's failure history. Owned by
 * the JobMaster's main thread, except {@link #restarts()}, which anyone may read.
 */
public final class RestartBackoff {
    private final RestartStrategy strategy;
    private final List<Long> failureTimes = new ArrayList<>();
    private volatile int restarts;

    public RestartBackoff(RestartStrategy strategy) {
        this.strategy = strategy;
    }

    /** Records a failure now; returns the delay before the restart in ms, or -1 when the job must fail. */
    public long onFailure() {
        failureTimes.add(System.currentTimeMillis());
        long delay = strategy.nextDelay(restarts, failureTimes);
        if (delay >= 0) {
            restarts++;
        }
        return delay;
    }

    /** How many restarts were granted so far. */
    public int restarts() {
        return restarts;
    }

    @Override
    public String toString() {
        return strategy.toString();
    }
}
