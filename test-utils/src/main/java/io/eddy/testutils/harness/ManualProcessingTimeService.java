package io.eddy.testutils.harness;

import io.eddy.api.operators.ProcessingTimeService;

import java.util.PriorityQueue;

/**
 * A processing-time clock that moves only when the test says so; due callbacks run in time
 * order (registration order for equal times) in the calling thread.
 */
public final class ManualProcessingTimeService implements ProcessingTimeService {
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    private final class Scheduled implements Comparable<Scheduled>, Cancellable {
        long time;
        final long period;
        final Callback callback;
        final long order = sequence++;
        boolean cancelled;

        Scheduled(long time, long period, Callback callback) {
            this.time = time;
            this.period = period;
            this.callback = callback;
        }

        @Override
        public int compareTo(Scheduled o) {
            int byTime = Long.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
            queue.remove(this);
        }
    }

    @Override
    public long getCurrentProcessingTime() {
        return now;
    }

    @Override
    public Cancellable registerTimer(long time, Callback callback) {
        Scheduled s = new Scheduled(time, 0, callback);
        queue.add(s);
        return s;
    }

    @Override
    public Cancellable scheduleAtFixedRate(Callback callback, long initialDelay, long period) {
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        Scheduled s = new Scheduled(now + initialDelay, period, callback);
        queue.add(s);
        return s;
    }

    /** Moves the clock to {@code time}, running every callback due by then. */
    public void advanceTo(long time) throws Exception {
        if (time < now) {
            throw new IllegalArgumentException("Processing time cannot go back from " + now + " to " + time);
        }
        while (!queue.isEmpty() && queue.peek().time <= time) {
            Scheduled s = queue.poll();
            now = Math.max(now, s.time);
            s.callback.onProcessingTime(s.time);
            if (s.period > 0 && !s.cancelled) {
                s.time += s.period;
                queue.add(s);
            }
        }
        now = time;
    }

    /** Callbacks waiting to run. */
    public int numberOfPendingCallbacks() {
        return queue.size();
    }
}
