package io.eddy.runtime.operators.batch;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.io.SpillFile;
import io.eddy.runtime.io.SpillFileReader;
import io.eddy.runtime.io.SpillFileWriter;
import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.operators.RecordIterator;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records kept in arrival order until the input ends, then read back in that order as often as
 * needed: the probe side of a hash join (it can only probe once the build side is complete), the
 * partition of a {@code mapPartition}, and, read again per superstep, the inputs an iteration's step
 * function reads from outside the iteration.
 *
 * <p>Where the bytes go: with a {@code memory} budget, the records fill pages drawn from it first and
 * only what does not fit goes on to a spill file; without one, everything goes to the file. The file
 * is written and read through one page (the caller's {@code page}); writes go to the page cache, so a
 * small input never touches the disk, and a large one costs no heap. Records read back from memory
 * pages cost no system call and no copy, which matters for data read every superstep.
 *
 * <p>Ownership: {@code page} and the budget are the caller's; the pages drawn from the budget are given
 * back to it, and the file (which belongs to the task's resources) is deleted, by {@link #close()}.
 * One thread at a time: an iteration's tail writes its feedback, then hands it to the head, which reads
 * and closes it.
 */
public final class SpilledRecords<T> implements AutoCloseable {
    private final TypeSerializer<T> serializer;
    private final TaskManagedResources resources;
    private final MemorySegment page;
    /** The budget the first records are kept in; null when all go to the file. */
    private final FreePages memory;
    /** The memory pages holding the first records, in order, and how many bytes each holds. */
    private final List<MemorySegment> kept = new ArrayList<>();
    private int[] keptBytes = new int[8];
    private Writer out;
    private Reader in;
    private SpillFile file;
    private long count;
    private long fileBytes;

    /** Records written to a spill file through {@code page}. */
    public SpilledRecords(TypeSerializer<T> serializer, TaskManagedResources resources, MemorySegment page) {
        this(serializer, resources, page, null);
    }

    /** Records kept in pages of {@code memory} while it has free ones, the rest in a spill file through {@code page}. */
    public SpilledRecords(TypeSerializer<T> serializer, TaskManagedResources resources, MemorySegment page, FreePages memory) {
        this.serializer = serializer;
        this.resources = resources;
        this.page = page;
        this.memory = memory;
    }

    public void add(T record) throws IOException {
        if (out == null) {
            if (count > 0 || in != null) {
                throw new IllegalStateException("Records are added before they are read");
            }
            out = new Writer();
        }
        serializer.serialize(record, out);
        count++;
    }

    /** The number of records added. */
    public long size() {
        return count;
    }

    /** Bytes written to the spill file so far: 0 while the records fit the memory budget. */
    public long bytesInFile() {
        return fileBytes;
    }

    /**
     * Ends the writing and reads the records back in order, from the first each time it is called;
     * the iterator is valid until the next call or {@link #close()}.
     */
    public RecordIterator<T> read() throws IOException {
        if (count == 0) {
            return reuse -> null;
        }
        if (out != null) {
            out.finish();
            out = null;
        }
        if (in != null) {
            in.close();
        }
        Reader view = new Reader();
        in = view;
        return new RecordIterator<>() {
            private long left = count;

            @Override
            public T next(T reuse) throws IOException {
                if (left == 0) {
                    return null;
                }
                left--;
                return reuse == null ? serializer.deserialize(view) : serializer.deserialize(reuse, view);
            }
        };
    }

    private void keep(MemorySegment memoryPage) {
        if (kept.size() == keptBytes.length) {
            keptBytes = Arrays.copyOf(keptBytes, 2 * keptBytes.length);
        }
        kept.add(memoryPage);
    }

    /** Writes into memory pages while the budget has them, then through {@link #page} into the file. */
    private final class Writer extends SegmentOutputView {
        private SpillFileWriter fileWriter;

        Writer() throws IOException {
            super(page, page.size());
            MemorySegment first = memory == null ? null : memory.poll();
            if (first != null) {
                keep(first);
                seek(first, 0, first.size());
            } else {
                openFile();
            }
        }

        private void openFile() throws IOException {
            file = resources.getIOManager().createSpillFile(resources);
            fileWriter = resources.getIOManager().openWriter(file);
        }

        @Override
        protected MemorySegment nextPage(MemorySegment current, int bytes) throws IOException {
            if (fileWriter != null) {
                fileWriter.write(current, bytes);
                fileBytes += bytes;
                return current;
            }
            keptBytes[kept.size() - 1] = bytes;
            MemorySegment next = memory.poll();
            if (next != null) {
                keep(next);
                return next;
            }
            openFile();
            return page;
        }

        void finish() throws IOException {
            if (fileWriter == null) {
                keptBytes[kept.size() - 1] = getPositionInPage();
                return;
            }
            try {
                if (getPositionInPage() > 0) {
                    fileWriter.write(getCurrentPage(), getPositionInPage());
                    fileBytes += getPositionInPage();
                }
            } finally {
                fileWriter.close();
                fileWriter = null;
            }
        }
    }

    /** Reads the memory pages in order, then the file through {@link #page}. */
    private final class Reader extends SegmentInputView {
        private int nextKept;
        private SpillFileReader fileReader;
        private int validBytes;

        Reader() {
            super(null, 0, 0);
        }

        @Override
        protected MemorySegment nextPage(MemorySegment current) throws IOException {
            if (nextKept < kept.size()) {
                validBytes = keptBytes[nextKept];
                return kept.get(nextKept++);
            }
            if (file == null) {
                return null;
            }
            if (fileReader == null) {
                fileReader = resources.getIOManager().openReader(file);
            }
            validBytes = fileReader.read(page);
            if (validBytes < 0) {
                throw new EOFException("End of spill file " + file);
            }
            return page;
        }

        @Override
        protected int limitOf(MemorySegment current) {
            return validBytes;
        }

        void close() throws IOException {
            if (fileReader != null) {
                fileReader.close();
                fileReader = null;
            }
        }
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.finish();
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
        if (memory != null) {
            kept.forEach(memory::push);
            kept.clear();
        }
    }
}
