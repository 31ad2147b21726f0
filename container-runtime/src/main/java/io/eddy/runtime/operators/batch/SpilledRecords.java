package io.eddy.runtime.operators.batch;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.io.SpillFile;
import io.eddy.runtime.io.SpillInputView;
import io.eddy.runtime.io.SpillOutputView;
import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.runtime.operators.RecordIterator;

import java.io.IOException;

/**
 * Records kept in arrival order until the input ends, in a spill file written and read through one
 * page: the probe side of a hash join (it can only probe once the build side is complete) and the
 * partition of a {@code mapPartition}; read again per superstep, the inputs an iteration's step
 * function reads from outside the iteration. Writes go to the page cache, so a small input never
 * touches the disk, and a large one costs no heap.
 *
 * <p>Ownership: the page is the caller's; the file belongs to the task's resources and is deleted by
 * {@link #close()}. One thread at a time: an iteration's tail writes its feedback, then hands it to
 * the head, which reads and closes it.
 */
public final class SpilledRecords<T> implements AutoCloseable {
    private final TypeSerializer<T> serializer;
    private final TaskManagedResources resources;
    private final MemorySegment page;
    private SpillOutputView out;
    private SpillInputView in;
    private SpillFile file;
    private long count;

    public SpilledRecords(TypeSerializer<T> serializer, TaskManagedResources resources, MemorySegment page) {
        this.serializer = serializer;
        this.resources = resources;
        this.page = page;
    }

    public void add(T record) throws IOException {
        if (file != null && out == null) {
            throw new IllegalStateException("Records are added before they are read");
        }
        if (out == null) {
            file = resources.getIOManager().createSpillFile(resources);
            out = new SpillOutputView(resources.getIOManager().openWriter(file), page);
        }
        serializer.serialize(record, out);
        count++;
    }

    /** The number of records added. */
    public long size() {
        return count;
    }

    /**
     * Ends the writing and reads the records back in order, from the first each time it is called;
     * the iterator is valid until the next call or {@link #close()}.
     */
    public RecordIterator<T> read() throws IOException {
        if (file == null) {
            return reuse -> null;
        }
        if (out != null) {
            out.close();
            out = null;
        }
        if (in != null) {
            in.close();
        }
        in = new SpillInputView(resources.getIOManager().openReader(file), page);
        return new RecordIterator<>() {
            private long left = count;

            @Override
            public T next(T reuse) throws IOException {
                if (left == 0) {
                    return null;
                }
                left--;
                return reuse == null ? serializer.deserialize(in) : serializer.deserialize(reuse, in);
            }
        };
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            // the file is deleted below either way
        }
        out = null;
        in = null;
        if (file != null) {
            resources.getIOManager().delete(file);
            file = null;
        }
    }
}
