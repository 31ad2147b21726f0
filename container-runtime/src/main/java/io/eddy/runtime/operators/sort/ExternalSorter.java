package io.eddy.runtime.operators.sort;

import io.eddy.api.functions.Collector;
import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.runtime.io.IOManager;
import io.eddy.runtime.io.SpillFile;
import io.eddy.runtime.io.SpillOutputView;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.memory.MemoryManagerOptions;
import io.eddy.runtime.operators.RecordIterator;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Sorts any number of records inside a budget of managed-memory pages, spilling to disk beyond it.
 *
 * <h2>Model</h2>
 * <ol>
 *   <li>{@link #add} serializes each record into a {@link SortBuffer} with its normalized key ({@link #addSerialized}
 *       copies a record that arrives serialized, and reads its key from the bytes); the buffer
 *       draws pages from the {@link FreePages} as it fills, so a small sort holds few pages.</li>
 *   <li>When the buffer is full it is sorted in place (radix passes and quicksort over its index) and written
 *       to a spill file as a sorted <em>run</em>; a {@link SortCombiner}, if given, first reduces each
 *       key group of the buffer. Then the buffer starts empty again.</li>
 *   <li>{@link #sorted()} ends the input. If nothing was spilled, the buffer is sorted and read in
 *       place. Otherwise the last buffer becomes a run too, every page becomes a read buffer, and runs
 *       are merged at most {@code maxFanIn} at a time (and no more than the pages allow) until one
 *       final merge of few enough runs streams out in order.</li>
 * </ol>
 * The heap holds only the page list, one reader per merged run and the records handed out: the data
 * lives in the pages and in files, so a sort many times larger than its budget runs in a small heap.
 *
 * <p>Ownership: the caller owns the free pages (from the {@link io.eddy.runtime.memory.MemoryManager})
 * and closes them after {@link #close()}; the sorter never uses more. It owns its spill files and
 * deletes them in {@link #close()}, which the operator calls on finish, cancel and failure.
 *
 * <p>Threading: one thread (the task thread) calls every method. Sorting and spilling happen in that
 * thread, inside {@link #add}: with a slot per core there is no idle core for a separate sort thread.
 */
public final class ExternalSorter<T> implements AutoCloseable {
    /** Default longest normalized key, in bytes: two longs, enough for two long/double fields or 8 chars. */
    public static final int DEFAULT_MAX_KEY_BYTES = 16;
    /** Default bound on the runs merged at once. */
    public static final int DEFAULT_MAX_FAN_IN = 128;

    private final TypeSerializer<T> serializer;
    private final TypeComparator<T> comparator;
    private final FreePages freePages;
    /** The sort's budget in pages. */
    private final int pageCount;
    /** The pages of the merge phase: the spill buffer and every other page as read buffers; null before. */
    private List<MemorySegment> pages;
    private final IOManager ioManager;
    private final Object owner;
    private final SortCombiner<T> combiner;
    private final int maxFanIn;
    private final int keyBytes;
    private final boolean keyDecides;

    /** Draws every page but the spill buffer until the input ends; afterwards null, or the sorted records when nothing spilled. */
    private SortBuffer<T> buffer;
    /** {@link #sorted()} was called: no more records. */
    private boolean inputEnded;
    private final MemorySegment spillBuffer;
    private final ArrayDeque<Run> runs = new ArrayDeque<>();
    /** The runs of the final merge once the input ended, kept until {@link #close()} for {@link #sortedAgain()}. */
    private List<Run> finalRuns;
    private final List<SpillFile> files = new ArrayList<>();
    private final List<RunReader> openReaders = new ArrayList<>();
    private long spilledBytes;
    private int runsWritten;
    private boolean closed;

    /**
     * @param freePages the sort's whole budget, at least 3 pages of one power-of-two size
     * @param owner     the operator, owner of the spill files
     * @param combiner  reduces key groups before they spill; null for none
     * @param maxKeyBytes longest normalized key kept per record (the comparator may need fewer)
     * @param maxFanIn  most runs merged at once (at least 2)
     */
    public ExternalSorter(TypeSerializer<T> serializer, TypeComparator<T> comparator, FreePages freePages,
            IOManager ioManager, Object owner, SortCombiner<T> combiner, int maxKeyBytes, int maxFanIn) {
        if (freePages.size() < 3) {
            throw new IllegalArgumentException("A sort needs at least 3 pages of managed memory, got " + freePages.size()
                    + ": raise " + MemoryManagerOptions.MANAGED_SIZE.key() + " or the operator's share of it");
        }
        if (maxFanIn < 2 || maxKeyBytes < 1) {
            throw new IllegalArgumentException("A sort merges at least 2 runs and keeps at least 1 key byte; got fan-in "
                    + maxFanIn + ", key bytes " + maxKeyBytes);
        }
        this.serializer = serializer.duplicate();
        this.comparator = comparator.duplicate();
        this.freePages = freePages;
        this.pageCount = freePages.size();
        this.ioManager = ioManager;
        this.owner = owner;
        this.combiner = combiner;
        this.maxFanIn = maxFanIn;
        int wanted = comparator.supportsNormalizedKey() ? Math.min(comparator.getNormalizedKeyLength(), maxKeyBytes) : 0;
        this.spillBuffer = freePages.pop();
        this.buffer = new SortBuffer<>(this.serializer, this.comparator, Math.max(wanted, 1), freePages);
        this.keyBytes = buffer.keyBytes();
        this.keyDecides = this.comparator.isNormalizedKeyFullyDetermining(keyBytes);
    }

    /** Over pages allocated elsewhere, which the caller releases after {@link #close()}. */
    public ExternalSorter(TypeSerializer<T> serializer, TypeComparator<T> comparator, List<MemorySegment> pages,
            IOManager ioManager, Object owner, SortCombiner<T> combiner, int maxKeyBytes, int maxFanIn) {
        this(serializer, comparator, FreePages.of(pages), ioManager, owner, combiner, maxKeyBytes, maxFanIn);
    }

    /** With the default key length and fan-in, and no combiner. */
    public ExternalSorter(TypeSerializer<T> serializer, TypeComparator<T> comparator, FreePages freePages,
            IOManager ioManager, Object owner) {
        this(serializer, comparator, freePages, ioManager, owner, null, DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_FAN_IN);
    }

    /** With the default key length and fan-in, and no combiner, over pages allocated elsewhere. */
    public ExternalSorter(TypeSerializer<T> serializer, TypeComparator<T> comparator, List<MemorySegment> pages,
            IOManager ioManager, Object owner) {
        this(serializer, comparator, FreePages.of(pages), ioManager, owner);
    }

    /** Adds one record; it is serialized at once, so the caller may reuse it. */
    public void add(T record) throws Exception {
        checkAdding();
        if (!buffer.write(record)) {
            spillFullBuffer();
            if (!buffer.write(record)) {
                throw tooLarge();
            }
        }
    }

    /**
     * Whether {@link #addSerialized} works: the records are short enough to be kept with their keys
     * ({@link TypeSerializer#getMaxLength()}), so their bytes are copied as they are.
     */
    public boolean takesSerializedRecords() {
        return !closed && !inputEnded && buffer.takesSerialized();
    }

    /**
     * Adds one record given as the next {@code length} bytes of {@code in}, written by a serializer equal
     * to this sorter's; reads exactly those bytes. Nothing is deserialized when the comparator reads the
     * key from the bytes. Only when {@link #takesSerializedRecords()}.
     */
    public void addSerialized(DataInputView in, int length) throws Exception {
        checkAdding();
        if (!buffer.writeSerialized(in, length)) {
            spillFullBuffer();
            if (!buffer.writeSerialized(in, length)) {
                throw tooLarge();
            }
        }
    }

    private void checkAdding() {
        checkOpen();
        if (inputEnded) {
            throw new IllegalStateException("The sorted output was already requested; no more records can be added");
        }
    }

    private void spillFullBuffer() throws Exception {
        if (buffer.isEmpty()) {
            throw tooLarge();
        }
        spill();
    }

    private IllegalStateException tooLarge() {
        return new IllegalStateException("A record does not fit into the sort's " + pageCount + " pages of "
                + spillBuffer.size() + " bytes of managed memory: raise " + MemoryManagerOptions.MANAGED_SIZE.key()
                + " or the operator's share of it");
    }

    private void spill() throws Exception {
        buffer.sort();
        SpillFile file = ioManager.createSpillFile(owner);
        files.add(file);
        long records;
        try (SpillOutputView out = new SpillOutputView(ioManager.openWriter(file), spillBuffer)) {
            records = combiner == null ? writeRun(out) : new CombiningRunWriter(out).write();
            spilledBytes += out.getBytesWritten();
        }
        runs.add(new Run(file, records));
        runsWritten++;
        buffer.reset();
    }

    private long writeRun(SpillOutputView out) throws IOException {
        buffer.writeRun(out);
        return buffer.size();
    }

    /**
     * Ends the input and returns the records in order. The records returned are read into the instance
     * passed to {@link RecordIterator#next}; the iterator is valid until {@link #close()}.
     */
    public RecordIterator<T> sorted() throws Exception {
        checkOpen();
        if (inputEnded) {
            throw new IllegalStateException("The sorted output can be requested once");
        }
        inputEnded = true;
        if (runs.isEmpty()) {
            buffer.sort();
            return buffer.sortedRecords(); // the buffer's pages go back on close
        }
        if (!buffer.isEmpty()) {
            spill();
        }
        buffer.release();
        buffer = null;
        // every page is free now: one output page for intermediate merges, the rest read buffers
        pages = new ArrayList<>(pageCount);
        pages.add(spillBuffer);
        while (!freePages.isEmpty()) {
            pages.add(freePages.pop());
        }
        int fanIn = Math.min(maxFanIn, pages.size() - 1);
        int finalFanIn = Math.min(maxFanIn, pages.size());
        while (runs.size() > finalFanIn) {
            // merge just enough runs that the rest fit into the final merge
            int merge = Math.min(fanIn, runs.size() - finalFanIn + 1);
            mergeIntoRun(merge);
        }
        finalRuns = new ArrayList<>(runs);
        runs.clear();
        return openMerger(finalRuns, 0);
    }

    /**
     * The sorted records once more, from the first, after {@link #sorted()}: read in place from the
     * buffer when nothing spilled, else merged again from the final runs, which stay on disk until
     * {@link #close()}. For a sort whose result is read repeatedly (an iteration's static input); the
     * previous iterator is invalid from now on.
     */
    public RecordIterator<T> sortedAgain() throws IOException {
        checkOpen();
        if (!inputEnded) {
            throw new IllegalStateException("The sorted output is read again only after sorted()");
        }
        if (buffer != null) {
            return buffer.sortedRecords();
        }
        closeReaders();
        return openMerger(finalRuns, 0);
    }

    private void mergeIntoRun(int count) throws IOException {
        List<Run> merged = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            merged.add(runs.poll());
        }
        RunMerger<T> merger = openMerger(merged, 1);
        SpillFile file = ioManager.createSpillFile(owner);
        files.add(file);
        long records = 0;
        try (SpillOutputView out = new SpillOutputView(ioManager.openWriter(file), pages.get(0))) {
            while (merger.writeNext(out)) {
                records++;
            }
            spilledBytes += out.getBytesWritten();
        }
        closeReaders();
        for (Run run : merged) {
            ioManager.delete(run.file());
            files.remove(run.file());
        }
        runs.add(new Run(file, records));
        runsWritten++;
    }

    /** A merger of {@code toMerge}, reading through one page each from page {@code firstPage} on. */
    private RunMerger<T> openMerger(List<Run> toMerge, int firstPage) throws IOException {
        List<RunReader> readers = new ArrayList<>(toMerge.size());
        for (int i = 0; i < toMerge.size(); i++) {
            RunReader reader = new RunReader(ioManager, toMerge.get(i), keyBytes / 8, pages.get(firstPage + i));
            openReaders.add(reader);
            readers.add(reader);
        }
        return new RunMerger<>(readers, serializer, comparator, keyDecides);
    }

    private void closeReaders() throws IOException {
        for (RunReader reader : openReaders) {
            reader.close();
        }
        openReaders.clear();
    }

    /** Runs written to disk so far, intermediate merges included. */
    public int getSpilledRuns() {
        return runsWritten;
    }

    /** Bytes written to spill files so far. */
    public long getSpilledBytes() {
        return spilledBytes;
    }

    /**
     * Deletes the spill files and gives every page back to the free pages, where another structure may
     * take them (or the owner closes them). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
        if (pages != null) {
            freePages.addAll(pages);
            pages = null;
        } else {
            freePages.push(spillBuffer);
        }
        try {
            closeReaders();
        } catch (IOException e) {
            // the files are deleted below either way
        }
        for (SpillFile file : files) {
            ioManager.delete(file);
        }
        files.clear();
        runs.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The sorter is closed");
        }
    }

    /**
     * Writes the sorted buffer as a run through the combiner: each key group of consecutive equal keys
     * is handed to it as a one-pass iterable, and what it emits is written with a fresh normalized key.
     */
    private final class CombiningRunWriter implements Collector<T>, Iterable<T>, Iterator<T> {
        private final SpillOutputView out;
        private final MemorySegment key = MemorySegment.allocate(keyBytes);
        private final SegmentOutputView recordBytes = new SegmentOutputView(64);
        private long written;
        private int groupStart;
        private int next;
        private T value;
        private IOException failure;

        CombiningRunWriter(SpillOutputView out) {
            this.out = out;
        }

        long write() throws Exception {
            int n = buffer.size();
            next = 0;
            while (next < n) {
                groupStart = next;
                combiner.combine(this, this);
                if (failure != null) {
                    throw failure;
                }
                while (hasNext()) {
                    next++;
                }
            }
            return written;
        }

        @Override
        public Iterator<T> iterator() {
            return this;
        }

        @Override
        public boolean hasNext() {
            try {
                return next < buffer.size() && (next == groupStart || buffer.compare(groupStart, next) == 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("The key group is exhausted");
            }
            try {
                value = buffer.readRecord(next++, value);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return value;
        }

        @Override
        public void collect(T record) {
            try {
                comparator.putNormalizedKey(record, key, 0, keyBytes);
                for (int w = 0; w < keyBytes; w += 8) {
                    out.writeLong(key.getLong(w));
                }
                recordBytes.clear();
                serializer.serialize(record, recordBytes);
                out.writeInt(recordBytes.length());
                out.write(recordBytes.getSharedBuffer(), 0, recordBytes.length());
                written++;
            } catch (IOException e) {
                failure = e;
            }
        }
    }
}
