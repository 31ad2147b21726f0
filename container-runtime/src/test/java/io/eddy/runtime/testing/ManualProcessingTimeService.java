package io.eddy.runtime.testing;

import io.eddy.api.operators.ProcessingTimeService;

import java.util.ArrayList;
import java.util.List;

/** A processing-time clock that only moves when the test says so; due callbacks run in the caller's thread. */
public final class ManualProcessingTimeService implements ProcessingTimeService {
    private long now;
    private final List<Scheduled> scheduled = new ArrayList<>();

    private static final class Scheduled {
        final long time;
        final Callback callback;
        boolean cancelled;

        Scheduled(long time, Callback callback) {
            this.time = time;
            this.callback = callback;
        }
    }

    @Override
    public long getCurrentProcessingTime() {
        return now;
    }

    @Override
    public Cancellable registerTimer(long time, Callback callback) {
        Scheduled s = new Scheduled(time, callback);
        scheduled.add(s);
        return () -> s.cancelled = true;
    }

    @Override
    public Cancellable scheduleAtFixedRate(Callback callback, long initialDelay, long period) {
        throw new UnsupportedOperationException("not needed by the operators under test");
    }

    /** Moves the clock to {@code time} and runs the callbacks due by then, earliest first. */
    public void advanceTo(long time) throws Exception {
        now = time;
        while (true) {
            Scheduled next = null;
            for (Scheduled s : scheduled) {
                if (!s.cancelled && s.time <= time && (next == null || s.time < next.time)) {
                    next = s;
                }
            }
            if (next == null) {
                break;
            }
            scheduled.remove(next);
            next.callback.onProcessingTime(next.time);
        }
        scheduled.removeIf(s -> s.cancelled);
    }
}
