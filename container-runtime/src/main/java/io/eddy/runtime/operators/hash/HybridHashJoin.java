package io.eddy.runtime.operators.hash;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.comparators.KeyComparison;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.runtime.io.IOManager;
import io.eddy.runtime.io.SpillFile;
import io.eddy.runtime.io.SpillInputView;
import io.eddy.runtime.io.SpillOutputView;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.memory.MemoryManagerOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An equi-join of a build side held in a hash table in managed memory with a probe side streamed past
 * it; when the build side does not fit, partitions of it move to disk and are joined afterwards.
 *
 * <h2>Model (hybrid hash join)</h2>
 * <ol>
 *   <li><b>Build</b> ({@link #addBuild}): each record goes, serialized with its key hash, to one of a
 *       power-of-two number of partitions chosen by the high bits of the mixed hash. When no page is
 *       free, the largest partition still in memory <em>spills</em>: its pages are written to a file
 *       as they are and its further build records follow them there. Enough pages stay in reserve for
 *       the bucket arrays of what remains in memory.</li>
 *   <li>{@link #endBuild()} links the in-memory partitions' records into bucket chains (the hash
 *       bits below the partition bits, scaled to two buckets per record, so a chain holds half a
 *       record on average), with the chain pointers in the record headers, so the table costs 8 bytes
 *       per bucket.</li>
 *   <li><b>Probe</b> ({@link #probe}): a record of an in-memory partition walks its bucket chain;
 *       build records with the same hash are deserialized into one reused instance and compared by
 *       key. A record of a spilled partition is written to that partition's probe file. Probing a
 *       batch of records reads their bucket heads, then the first header of each chain with the last
 *       byte of its record, in short loops first, so that the cache misses of a table larger than
 *       the caches overlap instead of stalling one record at a time.</li>
 *   <li>{@link #endProbe} emits unmatched build records (outer joins), frees the table, and joins each
 *       spilled partition's two files with a new join one <em>level</em> deeper, whose different hash
 *       seed spreads the partition over new partitions; that join may spill again. A partition that
 *       still does not fit after {@value #MAX_LEVELS} levels (one key with more records than memory)
 *       fails with a clear message.</li>
 * </ol>
 *
 * <p><b>Probing again</b>: a join told {@link #retainBuildSide()} before {@link #endProbe} keeps its
 * build side through it (the in-memory partitions with their bucket chains, the spilled partitions'
 * build files), and {@link #rewindProbe()} then starts another probe pass over the same table, for a
 * build side that is the same every time (a static input of an iteration's step function, probed
 * once per superstep). A spilled partition's table one level deeper is built again from its file in
 * each pass; the in-memory ones are built once ({@link #getBuilds()} counts the builds).
 *
 * <p>Ownership: the caller owns the free pages, from which the partitions draw pages as they fill, and
 * closes them after {@link #close()}, which deletes every spill file (call it on finish, cancel and
 * failure). Threading: one thread.
 */
public final class HybridHashJoin<B, P> implements AutoCloseable {
    /** Deepest recursion of spilled partitions. */
    public static final int MAX_LEVELS = 8;
    /** Probe records whose table reads are batched ({@link #probe(Object[], int, JoinedPairs)}). */
    public static final int PROBE_BATCH = 32;
    private static final int MAX_PARTITIONS = 32;
    private static final int MIN_PAGES = 12;
    /** A recursion level keeps one page (to read its partition's files) and gives the rest to the next one. */
    private static final int MIN_RECURSION_PAGES = 6;

    private final TypeSerializer<B> buildSerializer;
    private final TypeComparator<B> buildComparator;
    private final TypeSerializer<P> probeSerializer;
    private final TypeComparator<P> probeComparator;
    /** The join's budget in pages (free or held). */
    private final int pageCount;
    private final IOManager ioManager;
    private final Object owner;
    private final HashJoinType type;
    private final int level;
    private final int seed;
    private final int pageSize;

    private final FreePages freePages;
    private final Partition[] partitions;
    private final int partitionShift;
    /** How many high bits of a mixed hash choose the partition. */
    private final int partitionBits;
    private final SegmentOutputView scratch = new SegmentOutputView(64);
    /** A spilled build record on its way into the next level's table; grows to the largest record. */
    private byte[] recordBytes = new byte[64];
    private final List<SpillFile> files = new ArrayList<>();
    private long inMemoryRecords;
    private B buildReuse;
    /** Probe records read back from a spilled partition, reused batch after batch. */
    @SuppressWarnings("unchecked")
    private final P[] probeBatch = (P[]) new Object[PROBE_BATCH];
    private HybridHashJoin<B, P> child;
    private final int[] batchHashes = new int[PROBE_BATCH];
    private final Partition[] batchPartitions = new HybridHashJoin.Partition[PROBE_BATCH];
    private final long[] batchHeads = new long[PROBE_BATCH];
    /** Sink of the batched header reads, so that the compiler keeps them. */
    private int touched;
    private Phase phase = Phase.BUILD;
    /** Keep the build side through {@link #endProbe} for another probe pass. */
    private boolean retainBuild;
    private int builds;
    private int spilledPartitions;
    private int deepestLevel;

    private enum Phase { BUILD, PROBE, DONE }

    public HybridHashJoin(TypeSerializer<B> buildSerializer, TypeComparator<B> buildComparator,
            TypeSerializer<P> probeSerializer, TypeComparator<P> probeComparator, FreePages freePages,
            IOManager ioManager, Object owner, HashJoinType type) {
        this(buildSerializer.duplicate(), buildComparator.duplicate(), probeSerializer.duplicate(), probeComparator.duplicate(),
                freePages, ioManager, owner, type, 0);
        KeyComparison.checkCompatible(buildComparator, probeComparator);
    }

    /** Over pages allocated elsewhere, which the caller releases after {@link #close()}. */
    public HybridHashJoin(TypeSerializer<B> buildSerializer, TypeComparator<B> buildComparator,
            TypeSerializer<P> probeSerializer, TypeComparator<P> probeComparator, List<MemorySegment> pages,
            IOManager ioManager, Object owner, HashJoinType type) {
        this(buildSerializer, buildComparator, probeSerializer, probeComparator, FreePages.of(pages), ioManager, owner, type);
    }

    /** A join of level {@code level} on every page free now in {@code freePages}. */
    private HybridHashJoin(TypeSerializer<B> buildSerializer, TypeComparator<B> buildComparator,
            TypeSerializer<P> probeSerializer, TypeComparator<P> probeComparator, FreePages freePages,
            IOManager ioManager, Object owner, HashJoinType type, int level) {
        if (freePages.size() < (level == 0 ? MIN_PAGES : MIN_RECURSION_PAGES)) {
            throw new IllegalArgumentException("A hash join needs at least " + MIN_PAGES + " pages of managed memory, got "
                    + freePages.size() + ": raise " + MemoryManagerOptions.MANAGED_SIZE.key() + " or the operator's share of it");
        }
        this.buildSerializer = buildSerializer;
        this.buildComparator = buildComparator;
        this.probeSerializer = probeSerializer;
        this.probeComparator = probeComparator;
        this.pageCount = freePages.size();
        this.ioManager = ioManager;
        this.owner = owner;
        this.type = type;
        this.level = level;
        this.seed = 0x2545F491 * (level + 1);
        this.pageSize = freePages.pageSize();
        this.freePages = freePages;
        int count = Math.max(2, Math.min(MAX_PARTITIONS, Integer.highestOneBit(pageCount / 4)));
        this.partitions = new HybridHashJoin.Partition[count];
        for (int i = 0; i < count; i++) {
            partitions[i] = new Partition();
        }
        this.partitionBits = Integer.numberOfTrailingZeros(count);
        this.partitionShift = 32 - partitionBits;
        this.buildReuse = buildSerializer.createInstance();
        this.deepestLevel = level;
    }

    /** Spreads a key hash; the seed differs per level, so a spilled partition splits anew one level deeper. */
    private int mix(int hash) {
        int h = (hash ^ seed) * 0x9E3779B1;
        h ^= h >>> 15;
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13);
    }

    /** Pages kept free for the bucket arrays of the records in memory: 8 bytes per bucket, up to 2 buckets per record. */
    private long reservedPages() {
        return ((inMemoryRecords + 1) * 16 + pageSize - 1) / pageSize + partitions.length + 1;
    }

    /** The supply of in-memory partitions during the build: refuses pages that the bucket arrays will need. */
    private final RecordPages.PageSupply buildSupply = new RecordPages.PageSupply() {
        @Override
        public MemorySegment take() {
            return freePages.size() > reservedPages() ? freePages.poll() : null;
        }

        @Override
        public void giveBack(MemorySegment page) {
            freePages.push(page);
        }
    };

    public void addBuild(B record) throws IOException {
        insert(buildComparator.hash(record), record, null, 0);
    }

    /** Inserts {@code record}, or when it is null the first {@code length} of {@code bytes}, its serialized form. */
    private void insert(int hash, B record, byte[] bytes, int length) throws IOException {
        if (phase != Phase.BUILD) {
            throw new IllegalStateException("The build side is complete; records can only be probed now");
        }
        Partition partition = partitions[mix(hash) >>> partitionShift];
        while (true) {
            if (partition.buildSpill != null) {
                partition.spillBuildRecord(hash, record, bytes, length);
                return;
            }
            long pointer = bytes == null ? partition.records.append(hash, buildSerializer, record)
                    : partition.records.appendBytes(hash, bytes, length);
            if (pointer >= 0) {
                inMemoryRecords++;
                return;
            }
            spillLargestPartition();
        }
    }

    private void spillLargestPartition() throws IOException {
        Partition largest = null;
        for (Partition p : partitions) {
            if (p.buildSpill == null && p.records.pageCount() > 0 && (largest == null || p.records.pageCount() > largest.records.pageCount())) {
                largest = p;
            }
        }
        if (largest == null) {
            throw new IllegalStateException("A record of the build side does not fit into the hash join's " + pageCount
                    + " pages of managed memory: raise " + MemoryManagerOptions.MANAGED_SIZE.key() + " or the operator's share of it");
        }
        largest.spill();
    }

    /** Ends the build side: links the in-memory partitions into bucket chains, opens the probe files of spilled ones. */
    public void endBuild() throws IOException {
        if (phase != Phase.BUILD) {
            throw new IllegalStateException("endBuild was already called");
        }
        if (retainBuild && spilledPartitions > 0) {
            // the spilled partitions are joined from their files in every pass while the others stay: leave them half
            while (freePages.size() - reservedPages() < pageCount / 2 && inMemoryRecords > 0) {
                spillLargestPartition();
            }
        }
        for (Partition p : partitions) {
            if (p.buildSpill != null) {
                p.buildSpill.close();
                freePages.push(p.buildSpill.getCurrentPage());
                p.buildSpill = null;
            }
        }
        for (Partition p : partitions) {
            if (p.spilled) {
                p.openProbeSpill();
            } else {
                p.buildTable();
            }
        }
        builds++;
        phase = Phase.PROBE;
    }

    /**
     * Makes {@link #endProbe} keep the build side, so that {@link #rewindProbe()} can probe it again;
     * called before the first build record. When the build side spills, half of the budget is then
     * freed at {@link #endBuild()} (by spilling more partitions) for joining the spilled partitions in
     * each pass while the in-memory ones stay. Returns false, and keeps nothing, when the budget is too
     * small to be halved.
     */
    public boolean retainBuildSide() {
        if (phase != Phase.BUILD || inMemoryRecords > 0 || spilledPartitions > 0) {
            throw new IllegalStateException("Retain the build side before the first build record");
        }
        if (pageCount < 4 * MIN_PAGES) {
            return false;
        }
        retainBuild = true;
        return true;
    }

    /** Starts another probe pass over the build side kept through the last {@link #endProbe}. */
    public void rewindProbe() throws IOException {
        if (!retainBuild || phase != Phase.DONE) {
            throw new IllegalStateException("Only a join that retains its build side can probe again, after endProbe");
        }
        for (Partition p : partitions) {
            if (p.spilled) {
                p.openProbeSpill();
            }
        }
        phase = Phase.PROBE;
    }

    /** How many times the build side was made into a table at this level: once, however often it is probed. */
    public int getBuilds() {
        return builds;
    }

    /** Joins one probe record with the build side; pairs go to {@code out} (now or, for spilled partitions, in {@link #endProbe}). */
    public void probe(P record, JoinedPairs<B, P> out) throws Exception {
        checkProbing();
        int hash = probeComparator.hash(record);
        int mixed = mix(hash);
        Partition partition = partitions[mixed >>> partitionShift];
        if (partition.spilled) {
            partition.spillProbeRecord(record);
        } else {
            joinChain(record, hash, partition, partition.bucketHead(mixed), out);
        }
    }

    /**
     * Joins {@code records[0, count)} like {@link #probe(Object, JoinedPairs)} each, faster: the bucket
     * heads of a batch are read in one short loop, then the first record header of each chain, and
     * only then are the records joined. A table larger than the caches misses them at both reads for
     * nearly every record; in such a loop the misses are independent and the processor overlaps them.
     * The records must not change during the call.
     */
    public void probe(P[] records, int count, JoinedPairs<B, P> out) throws Exception {
        checkProbing();
        for (int start = 0; start < count; start += PROBE_BATCH) {
            int n = Math.min(PROBE_BATCH, count - start);
            for (int i = 0; i < n; i++) {
                batchHashes[i] = probeComparator.hash(records[start + i]);
            }
            for (int i = 0; i < n; i++) {
                int mixed = mix(batchHashes[i]);
                Partition partition = partitions[mixed >>> partitionShift];
                batchPartitions[i] = partition;
                batchHeads[i] = partition.spilled ? -1 : partition.bucketHead(mixed);
            }
            int sum = 0;
            for (int i = 0; i < n; i++) {
                long head = batchHeads[i];
                if (head >= 0) {
                    sum += batchPartitions[i].records.touch(head);
                }
            }
            touched += sum;
            for (int i = 0; i < n; i++) {
                Partition partition = batchPartitions[i];
                batchPartitions[i] = null;
                if (partition.spilled) {
                    partition.spillProbeRecord(records[start + i]);
                } else {
                    joinChain(records[start + i], batchHashes[i], partition, batchHeads[i], out);
                }
            }
        }
    }

    private void checkProbing() {
        if (phase != Phase.PROBE) {
            throw new IllegalStateException(phase == Phase.BUILD ? "Call endBuild before probing" : "The probe side is complete");
        }
    }

    /** Joins {@code record} with the build records of the bucket chain from {@code head} whose key equals its key. */
    private void joinChain(P record, int hash, Partition partition, long head, JoinedPairs<B, P> out) throws Exception {
        RecordPages records = partition.records;
        boolean matched = false;
        for (long pointer = head; pointer >= 0; pointer = records.next(pointer)) {
            if (records.hash(pointer) == hash) {
                B build = readBuild(records.recordAt(pointer));
                if (KeyComparison.keysEqual(buildComparator, build, probeComparator, record)) {
                    matched = true;
                    if (type.emitsUnmatchedBuild) {
                        records.setMatched(pointer);
                    }
                    out.join(build, record);
                }
            }
        }
        if (!matched && type.emitsUnmatchedProbe) {
            out.join(null, record);
        }
    }

    private B readBuild(DataInputView in) throws IOException {
        buildReuse = buildReuse == null ? buildSerializer.deserialize(in) : buildSerializer.deserialize(buildReuse, in);
        return buildReuse;
    }

    /**
     * Ends the probe side: emits unmatched build records of an outer join, then joins every spilled
     * partition from its files, recursively. All pairs not yet emitted go to {@code out}.
     */
    public void endProbe(JoinedPairs<B, P> out) throws Exception {
        if (phase != Phase.PROBE) {
            throw new IllegalStateException(phase == Phase.BUILD ? "Call endBuild before endProbe" : "endProbe was already called");
        }
        phase = Phase.DONE;
        for (Partition p : partitions) {
            if (!p.spilled) {
                if (type.emitsUnmatchedBuild) {
                    p.emitUnmatched(out);
                }
                if (!retainBuild) {
                    p.release();
                }
            } else {
                p.probeSpill.close();
                freePages.push(p.probeSpill.getCurrentPage());
                p.probeSpill = null;
            }
        }
        for (Partition p : partitions) {
            if (p.spilled) {
                joinSpilled(p, out);
            }
        }
    }

    private void joinSpilled(Partition p, JoinedPairs<B, P> out) throws Exception {
        if (level + 1 >= MAX_LEVELS || pageCount - 1 < MIN_RECURSION_PAGES) {
            throw new IllegalStateException("A hash join partition of " + p.buildRecords + " build records does not fit into "
                    + pageCount + " pages of managed memory even after " + (level + 1) + " levels of re-partitioning: "
                    + "one key has more build records than memory holds. Raise " + MemoryManagerOptions.MANAGED_SIZE.key()
                    + ", make the side with the frequent key the probe side, or use a sort-merge join.");
        }
        // every page but those of retained partitions is free again: one reads the partition's files
        // (the build file, then the probe file), the rest hold the next level's table
        MemorySegment readBuffer = freePages.pop();
        child = new HybridHashJoin<>(buildSerializer, buildComparator, probeSerializer, probeComparator,
                freePages, ioManager, owner, type, level + 1);
        try (SpillInputView build = new SpillInputView(ioManager.openReader(p.buildFile), readBuffer)) {
            for (long i = 0; i < p.buildRecords; i++) {
                long header = RecordPages.readNext(build, pageSize);
                int length = (int) header;
                if (length > recordBytes.length) {
                    recordBytes = new byte[Math.max(length, 2 * recordBytes.length)];
                }
                build.readFully(recordBytes, 0, length);
                child.insert((int) (header >>> 32), null, recordBytes, length);
            }
        }
        child.endBuild();
        try (SpillInputView probe = new SpillInputView(ioManager.openReader(p.probeFile), readBuffer)) {
            int n = 0;
            for (long i = 0; i < p.probeRecords; i++) {
                P reuse = probeBatch[n];
                probeBatch[n] = reuse == null ? probeSerializer.deserialize(probe) : probeSerializer.deserialize(reuse, probe);
                if (++n == PROBE_BATCH) {
                    child.probe(probeBatch, n, out);
                    n = 0;
                }
            }
            child.probe(probeBatch, n, out);
        }
        child.endProbe(out);
        spilledPartitions += child.spilledPartitions;
        deepestLevel = Math.max(deepestLevel, child.deepestLevel);
        child.close();
        child = null;
        freePages.push(readBuffer);
        ioManager.delete(p.probeFile);
        files.remove(p.probeFile);
        p.probeFile = null;
        p.probeRecords = 0;
        if (!retainBuild) {
            ioManager.delete(p.buildFile);
            files.remove(p.buildFile);
        }
    }

    /** Partitions that went to disk, at every level. */
    public int getSpilledPartitions() {
        return spilledPartitions;
    }

    /** The deepest recursion level reached (0 when everything fit). */
    public int getDeepestLevel() {
        return deepestLevel;
    }

    /** Deletes every spill file of this join and its recursions; the pages may then be released. */
    @Override
    public void close() {
        if (child != null) {
            child.close();
            child = null;
        }
        for (Partition p : partitions) {
            p.closeQuietly();
        }
        for (SpillFile file : files) {
            ioManager.delete(file);
        }
        files.clear();
        phase = Phase.DONE;
    }

    /** One hash partition: in memory (records and, after the build, bucket chains) or spilled (two files). */
    private final class Partition {
        final RecordPages records = new RecordPages(buildSupply, pageSize);
        final List<MemorySegment> bucketPages = new ArrayList<>();
        int bucketShift;
        /** Buckets of the table: twice the records, not rounded to a power of two ({@link #slot}). */
        int buckets;
        boolean spilled;
        SpillFile buildFile;
        SpillFile probeFile;
        SpillOutputView buildSpill;
        SpillOutputView probeSpill;
        long buildRecords;
        long probeRecords;

        /** Moves the pages to a file as they are and keeps the last, partly filled, page as the file's write buffer. */
        void spill() throws IOException {
            buildFile = ioManager.createSpillFile(owner);
            files.add(buildFile);
            var writer = ioManager.openWriter(buildFile);
            int positionInLast = records.positionInLastPage();
            buildRecords = records.size();
            inMemoryRecords -= buildRecords;
            List<MemorySegment> taken = records.takePages();
            for (int i = 0; i < taken.size() - 1; i++) {
                writer.write(taken.get(i), pageSize);
                freePages.push(taken.get(i));
            }
            buildSpill = new SpillOutputView(writer, taken.get(taken.size() - 1), positionInLast);
            spilled = true;
            spilledPartitions++;
        }

        void spillBuildRecord(int hash, B record, byte[] bytes, int length) throws IOException {
            if (bytes == null) {
                scratch.clear();
                buildSerializer.serialize(record, scratch);
                length = scratch.length();
            }
            int left = pageSize - buildSpill.getPositionInPage();
            if (left < RecordPages.HEADER) {
                // the in-memory layout: a header never spans pages
                for (int i = 0; i < left; i++) {
                    buildSpill.write(0);
                }
            }
            buildSpill.writeLong(-1L);
            buildSpill.writeInt(hash);
            buildSpill.writeInt(length);
            if (bytes == null) {
                buildSpill.write(scratch.getSharedBuffer(), 0, length);
            } else {
                buildSpill.write(bytes, 0, length);
            }
            buildRecords++;
        }

        void spillProbeRecord(P record) throws IOException {
            probeSerializer.serialize(record, probeSpill);
            probeRecords++;
        }

        void openProbeSpill() throws IOException {
            probeFile = ioManager.createSpillFile(owner);
            files.add(probeFile);
            probeSpill = new SpillOutputView(ioManager.openWriter(probeFile), freePages.pop());
        }

        void buildTable() {
            long n = records.size();
            // two buckets per record: the reserve (reservedPages) holds 16 bytes per record and a page per partition
            buckets = (int) Math.max(1, Math.min(2 * n, 1 << 30));
            int perPage = pageSize / 8;
            int needed = (buckets + perPage - 1) / perPage;
            for (int i = 0; i < needed; i++) {
                MemorySegment page = freePages.poll();
                if (page == null) {
                    throw new IllegalStateException("Internal error: the hash join's bucket reserve is exhausted");
                }
                page.fill(0, pageSize, (byte) 0xff);
                bucketPages.add(page);
            }
            bucketShift = Integer.numberOfTrailingZeros(perPage);
            long end = records.end();
            for (long pointer = 0; pointer < end && n > 0; pointer = records.following(pointer)) {
                int slot = slot(mix(records.hash(pointer)));
                MemorySegment page = bucketPages.get(slot >>> bucketShift);
                int offset = (slot & (pageSize / 8 - 1)) * 8;
                records.setNext(pointer, page.getLong(offset));
                page.putLong(offset, pointer);
            }
        }

        long bucketHead(int mixed) {
            if (bucketPages.isEmpty()) {
                return -1;
            }
            int slot = slot(mixed);
            return bucketPages.get(slot >>> bucketShift).getLong((slot & (pageSize / 8 - 1)) * 8);
        }

        /**
         * The bucket of a mixed hash: the bits below the partition's (which are the same for all of its
         * records), taken as a fraction of 2^32 and scaled to {@link #buckets}, so any bucket count
         * spreads evenly.
         */
        int slot(int mixed) {
            return (int) (((mixed << partitionBits) & 0xFFFF_FFFFL) * buckets >>> 32);
        }

        void emitUnmatched(JoinedPairs<B, P> out) throws Exception {
            long end = records.end();
            for (long pointer = 0; pointer < end && records.size() > 0; pointer = records.following(pointer)) {
                if (!records.isMatched(pointer)) {
                    out.join(readBuild(records.recordAt(pointer)), null);
                } else if (retainBuild) {
                    records.clearMatched(pointer); // unmatched again for the next probe pass
                }
            }
        }

        void release() {
            records.clear();
            freePages.addAll(bucketPages);
            bucketPages.clear();
        }

        void closeQuietly() {
            for (SpillOutputView view : new SpillOutputView[] {buildSpill, probeSpill}) {
                if (view != null) {
                    try {
                        view.close();
                    } catch (IOException e) {
                        // the file is deleted next
                    }
                }
            }
            buildSpill = null;
            probeSpill = null;
        }
    }
}
