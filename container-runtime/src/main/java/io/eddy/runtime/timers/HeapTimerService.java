package io.eddy.runtime.timers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.operators.InternalTimer;
import io.eddy.api.operators.InternalTimerService;
import io.eddy.api.operators.ProcessingTimeService;
import io.eddy.api.operators.Triggerable;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.state.CheckpointableKeyedStateBackend;
import io.eddy.runtime.state.KeyGroupedContent;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Timers on the heap: for each time domain a binary min-heap ordered by time (ties in
 * registration order) and an index by (key, namespace, time) that makes registering idempotent
 * and deleting cheap. Each timer remembers its key group, so timers can be written out per key
 * group, and its place in the heap, so a deleted timer leaves it in O(log n). A heap rather than
 * a sorted tree: timers mostly arrive in time order (a window's end after the last one's), and
 * such an insert stops at once, without allocating a tree node or rebalancing.
 *
 * <p>Snapshots copy the timers into arrays in the task thread: timers are few next to state
 * entries (about one per key and window), and a stored timer's key, namespace and time never
 * change, so the copy is a pointer copy; the writer thread orders them by key group, then time.
 *
 * <p>Used by the task thread only.
 */
public final class HeapTimerService<K, N> implements InternalTimerService<N>, KeyGroupedContent {
    /** The snapshot writer's order: by key group, then as they fire. */
    private static final Comparator<Timer<?, ?>> BY_KEY_GROUP_THEN_TIME = (a, b) ->
            a.keyGroup != b.keyGroup ? Integer.compare(a.keyGroup, b.keyGroup) : Timer.compare(a, b);

    private final CheckpointableKeyedStateBackend<K> backend;
    private final TypeSerializer<N> namespaceSerializer;
    private final ProcessingTimeService processingTime;
    private final Triggerable<K, N> target;
    private final Queue eventTimers = new Queue();
    private final Queue processingTimers = new Queue();
    private long currentWatermark = Long.MIN_VALUE;
    private long nextWakeUp = Long.MAX_VALUE;
    private ProcessingTimeService.Cancellable wakeUp;
    private long sequence;
    private final Timer<K, N> probe = new Timer<>(0, null, null, -1);
    /** BATCH mode: processing-time timers wait for {@link #fireAll()} instead of the clock. */
    private boolean deferred;

    public HeapTimerService(CheckpointableKeyedStateBackend<K> backend, TypeSerializer<N> namespaceSerializer,
            ProcessingTimeService processingTime, Triggerable<K, N> target) {
        this.backend = backend;
        this.namespaceSerializer = namespaceSerializer;
        this.processingTime = processingTime;
        this.target = target;
    }

    /**
     * BATCH mode: processing-time timers no longer wake up with the clock; they fire, with the
     * event-time timers, in {@link #fireAll()}.
     */
    public void deferToFireAll() {
        deferred = true;
        close();
    }

    /** One timer; equal to another of the same key, namespace and time. */
    static final class Timer<K, N> implements InternalTimer<K, N> {
        // not final only for the service's lookup probe; a stored timer's fields other than heapIndex never change
        long timestamp;
        K key;
        N namespace;
        final int keyGroup;
        long sequence;
        /** Where the timer is in its queue's heap; the queue keeps it up to date. */
        int heapIndex;

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

        /** Firing order: by time, ties in registration order. */
        static int compare(Timer<?, ?> a, Timer<?, ?> b) {
            int byTime = Long.compare(a.timestamp, b.timestamp);
            return byTime != 0 ? byTime : Long.compare(a.sequence, b.sequence);
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

    /**
     * The timers of one time domain: heap[0..size) is a binary min-heap in firing order. Each
     * timer's time and sequence number are also kept in arrays parallel to the heap, so that
     * sifting compares array elements instead of reaching into timers scattered over memory.
     */
    private final class Queue {
        @SuppressWarnings("unchecked")
        Timer<K, N>[] heap = new Timer[16];
        long[] times = new long[16];
        long[] sequences = new long[16];
        int size;
        final Map<Timer<K, N>, Timer<K, N>> index = new HashMap<>();

        /** @return true if the timer was new */
        boolean add(K key, int keyGroup, N namespace, long time) {
            if (index.containsKey(probe(key, namespace, time))) {
                return false;
            }
            Timer<K, N> timer = new Timer<>(time, key, namespace, keyGroup);
            index.put(timer, timer);
            timer.sequence = sequence++;
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
                times = Arrays.copyOf(times, size * 2);
                sequences = Arrays.copyOf(sequences, size * 2);
            }
            siftUp(size++, timer);
            return true;
        }

        void remove(Timer<K, N> probe) {
            Timer<K, N> stored = index.remove(probe);
            if (stored != null) {
                removeAt(stored.heapIndex);
            }
        }

        /** The earliest timer if it is due at {@code time}, removed; else null. */
        Timer<K, N> pollDue(long time) {
            if (size == 0 || times[0] > time) {
                return null;
            }
            Timer<K, N> timer = heap[0];
            removeAt(0);
            index.remove(timer);
            return timer;
        }

        /** The time of the earliest timer; the queue must not be empty. */
        long firstTime() {
            return times[0];
        }

        Timer<?, ?>[] toArray() {
            return Arrays.copyOf(heap, size, Timer[].class);
        }

        /** Fills the hole at {@code i} with the last timer, moved down or up to its place. */
        private void removeAt(int i) {
            Timer<K, N> last = heap[--size];
            heap[size] = null;
            if (i < size) {
                siftDown(i, last);
                if (heap[i] == last) {
                    siftUp(i, last);
                }
            }
        }

        /** Places {@code timer} at {@code i} or above, moving later parents down. */
        private void siftUp(int i, Timer<K, N> timer) {
            long time = timer.timestamp;
            long seq = timer.sequence;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!before(time, seq, parent)) {
                    break;
                }
                move(parent, i);
                i = parent;
            }
            place(i, timer);
        }

        /** Places {@code timer} at {@code i} or below, moving earlier children up. */
        private void siftDown(int i, Timer<K, N> timer) {
            long time = timer.timestamp;
            long seq = timer.sequence;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && before(times[child + 1], sequences[child + 1], child)) {
                    child++;
                }
                if (!before(times[child], sequences[child], time, seq)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            place(i, timer);
        }

        /** Whether (time, seq) fires before the timer at heap position {@code j}. */
        private boolean before(long time, long seq, int j) {
            return before(time, seq, times[j], sequences[j]);
        }

        private static boolean before(long time, long seq, long otherTime, long otherSeq) {
            return time < otherTime || time == otherTime && seq < otherSeq;
        }

        private void move(int from, int to) {
            Timer<K, N> timer = heap[from];
            heap[to] = timer;
            times[to] = times[from];
            sequences[to] = sequences[from];
            timer.heapIndex = to;
        }

        private void place(int i, Timer<K, N> timer) {
            heap[i] = timer;
            times[i] = timer.timestamp;
            sequences[i] = timer.sequence;
            timer.heapIndex = i;
        }
    }

    /**
     * The timer (current key, namespace, time) as a lookup key. One reused instance, because
     * operators register the timer they already have for most elements (a window's end).
     */
    private Timer<K, N> probe(K key, N namespace, long time) {
        probe.timestamp = time;
        probe.key = key;
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
        eventTimers.add(backend.getCurrentKey(), backend.getCurrentKeyGroup(), namespace, time);
    }

    @Override
    public void deleteEventTimeTimer(N namespace, long time) {
        eventTimers.remove(probe(backend.getCurrentKey(), namespace, time));
    }

    @Override
    public void registerProcessingTimeTimer(N namespace, long time) {
        addProcessingTimer(backend.getCurrentKey(), backend.getCurrentKeyGroup(), namespace, time);
    }

    private void addProcessingTimer(K key, int keyGroup, N namespace, long time) {
        if (processingTimers.add(key, keyGroup, namespace, time) && time < nextWakeUp && !deferred) {
            scheduleWakeUp(time);
        }
    }

    @Override
    public void deleteProcessingTimeTimer(N namespace, long time) {
        processingTimers.remove(probe(backend.getCurrentKey(), namespace, time));
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

    /**
     * Fires every timer: the event-time timers in time order with the watermark at +infinity, then
     * the processing-time timers in time order, again until none is left (a timer may register
     * more). The watermark is then back at its start. BATCH mode calls it at the end of each key,
     * the only key that has timers then.
     *
     * @return whether any timer fired
     */
    public boolean fireAll() throws Exception {
        boolean fired = false;
        while (eventTimers.size > 0 || processingTimers.size > 0) {
            fired = true;
            advanceWatermark(Long.MAX_VALUE);
            Timer<K, N> timer;
            while ((timer = processingTimers.pollDue(Long.MAX_VALUE)) != null) {
                backend.setCurrentKey(timer.key);
                target.onProcessingTime(timer);
            }
        }
        currentWatermark = Long.MIN_VALUE;
        return fired;
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
        if (processingTimers.size > 0 && wakeUp == null) {
            scheduleWakeUp(processingTimers.firstTime());
        }
    }

    private void scheduleWakeUp(long time) {
        if (wakeUp != null) {
            wakeUp.cancel();
        }
        nextWakeUp = time;
        wakeUp = processingTime.registerTimer(time, this::onProcessingTime);
    }

    @Override
    public String kind() {
        return "Timers";
    }

    @Override
    public String format() {
        return "keys " + backend.getKeySerializer().getClass().getName() + ", namespaces "
                + namespaceSerializer.getClass().getName();
    }

    /** Per key group: the event-time timers, then the processing-time timers, each as a count and (key, namespace, time)s. */
    @Override
    public Writer snapshot() {
        Timer<?, ?>[] event = eventTimers.toArray();
        Timer<?, ?>[] processing = processingTimers.toArray();
        TypeSerializer<K> keys = backend.getKeySerializer().duplicate();
        TypeSerializer<N> namespaces = namespaceSerializer.duplicate();
        return new Writer() {
            private boolean sorted;
            private int nextEvent;
            private int nextProcessing;

            @Override
            public void write(int keyGroup, DataOutputView out) throws IOException {
                if (!sorted) {
                    Arrays.sort(event, BY_KEY_GROUP_THEN_TIME);
                    Arrays.sort(processing, BY_KEY_GROUP_THEN_TIME);
                    sorted = true;
                }
                nextEvent = writeKeyGroup(event, nextEvent, keyGroup, out);
                nextProcessing = writeKeyGroup(processing, nextProcessing, keyGroup, out);
            }

            /** Writes the timers of {@code keyGroup} starting at {@code from}; returns the index after them. */
            @SuppressWarnings("unchecked")
            private int writeKeyGroup(Timer<?, ?>[] timers, int from, int keyGroup, DataOutputView out)
                    throws IOException {
                int end = from;
                while (end < timers.length && timers[end].keyGroup == keyGroup) {
                    end++;
                }
                out.writeInt(end - from);
                for (int i = from; i < end; i++) {
                    Timer<K, N> timer = (Timer<K, N>) timers[i];
                    keys.serialize(timer.key, out);
                    namespaces.serialize(timer.namespace, out);
                    out.writeLong(timer.timestamp);
                }
                return end;
            }
        };
    }

    @Override
    public void restore(int keyGroup, DataInputView in) throws IOException {
        TypeSerializer<K> keys = backend.getKeySerializer();
        for (int n = in.readInt(); n > 0; n--) {
            eventTimers.add(keys.deserialize(in), keyGroup, namespaceSerializer.deserialize(in), in.readLong());
        }
        for (int n = in.readInt(); n > 0; n--) {
            addProcessingTimer(keys.deserialize(in), keyGroup, namespaceSerializer.deserialize(in), in.readLong());
        }
    }

    /** Stops the pending wake-up; called when the operator closes. */
    public void close() {
        if (wakeUp != null) {
            wakeUp.cancel();
            wakeUp = null;
        }
    }
}
