package io.eddy.runtime.timers;

import io.eddy.api.operators.InternalTimer;
import io.eddy.api.operators.InternalTimerService;
import io.eddy.api.operators.ProcessingTimeService;
import io.eddy.api.operators.Triggerable;
import io.eddy.api.state.KeyedStateBackend;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Timers on the heap: for each time domain a set ordered by time (ties in registration order)
 * and an index by (key, namespace, time) that makes registering idempotent and deleting cheap.
 * Each timer remembers its key group, so timers can be written out per key group.
 *
 * <p>Used by the task thread only.
 */
public final class HeapTimerService<K, N> implements InternalTimerService<N> {
    private final KeyedStateBackend<K> backend;
    private final ProcessingTimeService processingTime;
    private final Triggerable<K, N> target;
    private final Queue eventTimers = new Queue();
    private final Queue processingTimers = new Queue();
    private long currentWatermark = Long.MIN_VALUE;
    private long nextWakeUp = Long.MAX_VALUE;
    private ProcessingTimeService.Cancellable wakeUp;
    private long sequence;
    private final Timer<K, N> probe = new Timer<>(0, null, null, -1);

    public HeapTimerService(KeyedStateBackend<K> backend, ProcessingTimeService processingTime,
            Triggerable<K, N> target) {
        this.backend = backend;
        this.processingTime = processingTime;
        this.target = target;
    }

    /** One timer; equal to another of the same key, namespace and time. */
    static final class Timer<K, N> implements InternalTimer<K, N>, Comparable<Timer<K, N>> {
        // not final only for the service's lookup probe; stored timers never change
        long timestamp;
        K key;
        N namespace;
        final int keyGroup;
        long sequence;

        Timer(long timestamp, K key, N namespace, int keyGroup) {
            this.timestamp = timestamp;
            this.key = key;
            this.namespace = namespace;
            this.keyGroup = keyGroup;
        }

        @Override
        public long getTimestamp() {
            return timestamp;
        }

        @Override
        public K getKey() {
            return key;
        }

        @Override
        public N getNamespace() {
            return namespace;
        }

        @Override
        public int compareTo(Timer<K, N> o) {
            int byTime = Long.compare(timestamp, o.timestamp);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Timer<?, ?> t && timestamp == t.timestamp && key.equals(t.key)
                    && Objects.equals(namespace, t.namespace);
        }

        @Override
        public int hashCode() {
            return (31 * key.hashCode() + Objects.hashCode(namespace)) * 31 + Long.hashCode(timestamp);
        }

        @Override
        public String toString() {
            return "Timer{" + timestamp + ", key=" + key + ", namespace=" + namespace + '}';
        }
    }

    /** The timers of one time domain. */
    private final class Queue {
        final TreeSet<Timer<K, N>> byTime = new TreeSet<>();
        final Map<Timer<K, N>, Timer<K, N>> index = new HashMap<>();

        /** @return true if the timer was new */
        boolean add(N namespace, long time) {
            if (index.containsKey(probe(namespace, time))) {
                return false;
            }
            Timer<K, N> timer = new Timer<>(time, backend.getCurrentKey(), namespace, backend.getCurrentKeyGroup());
            index.put(timer, timer);
            timer.sequence = sequence++;
            byTime.add(timer);
            return true;
        }

        void remove(Timer<K, N> probe) {
            Timer<K, N> stored = index.remove(probe);
            if (stored != null) {
                byTime.remove(stored);
            }
        }

        /** The earliest timer if it is due at {@code time}, removed; else null. */
        Timer<K, N> pollDue(long time) {
            if (byTime.isEmpty() || byTime.first().timestamp > time) {
                return null;
            }
            Timer<K, N> timer = byTime.pollFirst();
            index.remove(timer);
            return timer;
        }
    }

    /**
     * The timer (current key, namespace, time) as a lookup key. One reused instance, because
     * operators register the timer they already have for most elements (a window's end).
     */
    private Timer<K, N> probe(N namespace, long time) {
        probe.timestamp = time;
        probe.key = backend.getCurrentKey();
        probe.namespace = namespace;
        return probe;
    }

    @Override
    public long currentProcessingTime() {
        return processingTime.getCurrentProcessingTime();
    }

    @Override
    public long currentWatermark() {
        return currentWatermark;
    }

    @Override
    public void registerEventTimeTimer(N namespace, long time) {
        eventTimers.add(namespace, time);
    }

    @Override
    public void deleteEventTimeTimer(N namespace, long time) {
        eventTimers.remove(probe(namespace, time));
    }

    @Override
    public void registerProcessingTimeTimer(N namespace, long time) {
        if (processingTimers.add(namespace, time) && time < nextWakeUp) {
            scheduleWakeUp(time);
        }
    }

    @Override
    public void deleteProcessingTimeTimer(N namespace, long time) {
        processingTimers.remove(probe(namespace, time));
    }

    @Override
    public int numberOfTimers() {
        return eventTimers.index.size() + processingTimers.index.size();
    }

    /** Fires, in time order, the event-time timers up to {@code watermark}. */
    public void advanceWatermark(long watermark) throws Exception {
        currentWatermark = watermark;
        Timer<K, N> timer;
        while ((timer = eventTimers.pollDue(watermark)) != null) {
            backend.setCurrentKey(timer.key);
            target.onEventTime(timer);
        }
    }

    private void onProcessingTime(long time) throws Exception {
        nextWakeUp = Long.MAX_VALUE;
        wakeUp = null;
        long now = Math.max(time, processingTime.getCurrentProcessingTime());
        Timer<K, N> timer;
        while ((timer = processingTimers.pollDue(now)) != null) {
            backend.setCurrentKey(timer.key);
            target.onProcessingTime(timer);
        }
        if (!processingTimers.byTime.isEmpty() && wakeUp == null) {
            scheduleWakeUp(processingTimers.byTime.first().timestamp);
        }
    }

    private void scheduleWakeUp(long time) {
        if (wakeUp != null) {
            wakeUp.cancel();
        }
        nextWakeUp = time;
        wakeUp = processingTime.registerTimer(time, this::onProcessingTime);
    }

    /** Stops the pending wake-up; called when the operator closes. */
    public void close() {
        if (wakeUp != null) {
            wakeUp.cancel();
            wakeUp = null;
        }
    }
}
