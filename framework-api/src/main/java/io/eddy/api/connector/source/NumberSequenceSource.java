package io.eddy.api.connector.source;

import io.eddy.api.metrics.Gauge;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers {@code from..to} (inclusive), divided into one contiguous range per reader. A
 * reader's position is the next number of its range, so a restored reader continues exactly there.
 */
public final class NumberSequenceSource implements Source<Long, NumberSequenceSource.Range> {
    private static final long serialVersionUID = 1L;

    private final long from;
    private final long to;

    public NumberSequenceSource(long from, long to) {
        if (from > to) {
            throw new IllegalArgumentException("fromSequence(" + from + ", " + to + "): 'from' must not exceed 'to'");
        }
        this.from = from;
        this.to = to;
    }

    /** The numbers {@code next..last} still to emit. */
    public record Range(long next, long last) implements Serializable {}

    @Override
    public SizeEstimate estimateSize() {
        long count = to - from + 1;
        return count <= 0 ? SizeEstimate.NONE : new SizeEstimate(count, count * Long.BYTES);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public List<Range> createSplits(int parallelism) {
        // count may exceed Long.MAX_VALUE for the full long range; unsigned arithmetic keeps it exact
        long count = to - from + 1;
        List<Range> ranges = new ArrayList<>(parallelism);
        long start = from;
        for (int i = 0; i < parallelism; i++) {
            long size = Long.divideUnsigned(count, parallelism) + (Long.remainderUnsigned(count, parallelism) > i ? 1 : 0);
            if (size != 0) {
                ranges.add(new Range(start, start + size - 1));
                start += size;
            }
        }
        return ranges;
    }

    @Override
    public SourceReader<Long, Range> createReader(SourceReaderContext context) {
        Reader reader = new Reader();
        context.metricGroup().gauge(SourceReaderContext.PENDING_RECORDS, (Gauge<Long>) reader::pendingRecords);
        return reader;
    }

    @Override
    public TypeInfo<Long> getProducedType() {
        return Types.LONG;
    }

    private static final class Reader implements SourceReader<Long, Range> {
        private final ArrayDeque<Range> pending = new ArrayDeque<>();
        /** A copy of {@link #pending} for the metrics thread, renewed when it changes (once per range). */
        private volatile List<Range> waiting = List.of();
        private long next;
        private long last;
        private boolean inRange;

        @Override
        public void addSplits(List<Range> splits) {
            pending.addAll(splits);
            waiting = List.copyOf(pending);
        }

        /**
         * Read on the metrics thread: next and last may be a record old. Saturates at
         * {@code Long.MAX_VALUE}, as {@code fromSequence(0, Long.MAX_VALUE)} holds 2^63 numbers.
         */
        long pendingRecords() {
            long count = inRange ? count(next, last) : 0;
            for (Range r : waiting) {
                long more = count(r.next(), r.last());
                count = count > Long.MAX_VALUE - more ? Long.MAX_VALUE : count + more;
            }
            return count;
        }

        private static long count(long from, long to) {
            long span = to - from; // wraps below 0 for spans beyond Long.MAX_VALUE
            return span < 0 || span == Long.MAX_VALUE ? Long.MAX_VALUE : span + 1;
        }

        @Override
        public InputStatus pollNext(SourceOutput<Long> output) {
            if (!inRange) {
                Range r = pending.poll();
                if (r == null) {
                    return InputStatus.END_OF_INPUT;
                }
                next = r.next();
                last = r.last();
                inRange = true;
                waiting = List.copyOf(pending);
            }
            long value = next;
            if (value == last) {
                inRange = false;
            } else {
                next = value + 1;
            }
            output.collect(box(value));
            return InputStatus.MORE_AVAILABLE;
        }

        /**
         * A new {@code Long} for every number, never one of {@code Long.valueOf}'s cached boxes of
         * -128..127. The JIT compiles {@code valueOf} with the profile of all its callers in the JVM:
         * when that profile saw the cached range (the first numbers of a sequence from 0 do), the
         * compiled box is either a cached object or a new one, and escape analysis cannot remove a box
         * that may be either, so every record of the chain is allocated on the heap (and with it the
         * young collections and the first touch of a growing heap). A new object is always removable
         * when the chain inlines, whatever other code boxed before.
         */
        @SuppressWarnings("removal")
        private static Long box(long value) {
            return new Long(value);
        }

        @Override
        public List<Range> snapshotState(long checkpointId) {
            List<Range> state = new ArrayList<>(pending.size() + 1);
            if (inRange) {
                state.add(new Range(next, last));
            }
            state.addAll(pending);
            return state;
        }
    }
}
