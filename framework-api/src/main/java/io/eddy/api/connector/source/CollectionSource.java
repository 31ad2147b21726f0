package io.eddy.api.connector.source;

import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.metrics.Gauge;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The elements of a collection given in the program. They are serialized with their type's
 * serializer when the job is built, so element classes need not be {@link Serializable}, and
 * the collection may be changed afterwards without affecting the job.
 */
public final class CollectionSource<T> implements Source<T, CollectionSource.Slice> {
    private static final long serialVersionUID = 1L;

    private final TypeInfo<T> type;
    private final TypeSerializer<T> serializer;
    private final byte[] data;
    private final int[] offsets;

    public CollectionSource(Collection<? extends T> elements, TypeInfo<T> type, SerializerConfig config) {
        this.type = type;
        this.serializer = type.createSerializer(config);
        SegmentOutputView out = new SegmentOutputView(64);
        offsets = new int[elements.size() + 1];
        int i = 0;
        try {
            for (T element : elements) {
                if (element == null) {
                    throw new IllegalArgumentException("The collection contains null at position " + i
                            + ": streams cannot carry null elements.");
                }
                offsets[i++] = out.length();
                serializer.serialize(element, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialize the collection's elements as " + type, e);
        }
        offsets[i] = out.length();
        data = out.toByteArray();
    }

    /** Elements {@code next..end-1} still to emit. */
    public record Slice(int next, int end) implements Serializable {}

    @Override
    public SizeEstimate estimateSize() {
        return new SizeEstimate(offsets.length - 1, data.length);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public List<Slice> createSplits(int parallelism) {
        int count = offsets.length - 1;
        List<Slice> slices = new ArrayList<>(parallelism);
        for (int i = 0; i < parallelism; i++) {
            int start = (int) ((long) count * i / parallelism);
            int end = (int) ((long) count * (i + 1) / parallelism);
            if (end > start) {
                slices.add(new Slice(start, end));
            }
        }
        return slices;
    }

    @Override
    public SourceReader<T, Slice> createReader(SourceReaderContext context) {
        Reader reader = new Reader();
        context.metricGroup().gauge(SourceReaderContext.PENDING_RECORDS, (Gauge<Long>) reader::pendingRecords);
        return reader;
    }

    @Override
    public TypeInfo<T> getProducedType() {
        return type;
    }

    private final class Reader implements SourceReader<T, Slice> {
        private final ArrayDeque<Slice> pending = new ArrayDeque<>();
        private final SegmentInputView in = new SegmentInputView();
        private final TypeSerializer<T> elementSerializer = serializer.duplicate();
        /** The elements of the slices in {@link #pending}, for the metrics thread. */
        private volatile long pendingInQueue;
        private int next;
        private int end;

        @Override
        public void addSplits(List<Slice> splits) {
            pending.addAll(splits);
            pendingInQueue += splits.stream().mapToLong(s -> s.end() - s.next()).sum();
        }

        /** Read on the metrics thread: next may be a record old. */
        long pendingRecords() {
            return end - next + pendingInQueue;
        }

        @Override
        public InputStatus pollNext(SourceOutput<T> output) throws IOException {
            if (next == end) {
                Slice s = pending.poll();
                if (s == null) {
                    return InputStatus.END_OF_INPUT;
                }
                next = s.next();
                end = s.end();
                pendingInQueue -= end - next;
            }
            in.setBuffer(data, offsets[next], offsets[next + 1] - offsets[next]);
            next++;
            output.collect(elementSerializer.deserialize(in));
            return InputStatus.MORE_AVAILABLE;
        }

        @Override
        public List<Slice> snapshotState(long checkpointId) {
            List<Slice> state = new ArrayList<>(pending.size() + 1);
            if (next < end) {
                state.add(new Slice(next, end));
            }
            state.addAll(pending);
            return state;
        }
    }
}
