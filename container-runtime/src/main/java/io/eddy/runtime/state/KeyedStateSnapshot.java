package io.eddy.runtime.state;

import io.eddy.api.memory.SegmentOutputView;
import io.eddy.runtime.checkpoint.CheckpointLocation;
import io.eddy.runtime.checkpoint.KeyGroupsStateHandle;
import io.eddy.runtime.checkpoint.StateHandle;
import io.eddy.runtime.keygroups.KeyGroupRange;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A consistent view of a keyed backend (its states and timers) taken in the task thread by
 * {@link HeapKeyedStateBackend#snapshot}; {@link #writeTo} writes it out in another thread while
 * the task goes on. Writing, or {@link #release()} when the checkpoint is abandoned before, ends
 * the copy-on-write the view costs the task.
 *
 * <p>File format, big-endian:
 * <pre>
 * header:  int MAGIC, int VERSION, int firstKeyGroup, int lastKeyGroup,
 *          int parts, per part: UTF name, UTF kind, UTF format
 * then per key group, in order (its offset goes into the handle):
 *          int keyGroup, per part: int length, length bytes written by the part's writer
 * </pre>
 * Parts are the states (each writes: int entries, then key, namespace, stored value per entry)
 * and the timer services (kind {@code Timers}).
 */
public final class KeyedStateSnapshot {
    static final int MAGIC = 0xEDD7_5EED;
    static final int VERSION = 1;

    /** One named content of the backend and the writer of its view. */
    record Part(String name, String kind, String format, KeyGroupedContent.Writer writer) {}

    private final long checkpointId;
    private final KeyGroupRange range;
    private final List<Part> parts;
    private final Runnable releaseViews;
    private final AtomicBoolean released = new AtomicBoolean();

    KeyedStateSnapshot(long checkpointId, KeyGroupRange range, List<Part> parts, Runnable releaseViews) {
        this.checkpointId = checkpointId;
        this.range = range;
        this.parts = parts;
        this.releaseViews = releaseViews;
    }

    public long checkpointId() {
        return checkpointId;
    }

    /**
     * The asynchronous part: writes the state file and releases the view as soon as its content is
     * serialized (or writing failed), before the file system completes the file.
     */
    public KeyGroupsStateHandle writeTo(CheckpointLocation location) throws IOException {
        if (released.get()) {
            // the task may have changed the view in place since
            throw new IllegalStateException("The snapshot of checkpoint " + checkpointId + " was released or written");
        }
        CheckpointLocation.StateOutputStream file = null;
        try {
            file = location.createStateOutput("keyed-state-" + checkpointId);
            OutputStream out = new BufferedOutputStream(file, 1 << 16);
            SegmentOutputView section = new SegmentOutputView(1 << 16);
            writeHeader(section);
            long position = flush(section, out);
            long[] offsets = new long[range.size()];
            for (int keyGroup = range.start(); keyGroup <= range.end(); keyGroup++) {
                offsets[keyGroup - range.start()] = position;
                section.writeInt(keyGroup);
                for (Part part : parts) {
                    int lengthField = section.length();
                    section.writeInt(0);
                    part.writer().write(keyGroup, section);
                    int end = section.length();
                    section.setPosition(lengthField);
                    section.writeInt(end - lengthField - 4);
                    section.setPosition(end);
                }
                position += flush(section, out);
            }
            release(); // everything is serialized: the task need not copy on write while the file is completed
            out.flush();
            StateHandle handle = file.closeAndGetHandle();
            file = null;
            return new KeyGroupsStateHandle(handle, range, offsets);
        } finally {
            release();
            if (file != null) {
                file.close(); // failed: no handle, the storage's clean-up of incomplete checkpoints removes the file
            }
        }
    }

    /** Ends the copy-on-write for this snapshot without writing it; idempotent, any thread. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            releaseViews.run();
        }
    }

    private void writeHeader(SegmentOutputView out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(range.start());
        out.writeInt(range.end());
        out.writeInt(parts.size());
        for (Part part : parts) {
            out.writeUTF(part.name());
            out.writeUTF(part.kind());
            out.writeUTF(part.format());
        }
    }

    private static long flush(SegmentOutputView section, OutputStream out) throws IOException {
        int length = section.length();
        out.write(section.getSharedBuffer(), 0, length);
        section.clear();
        return length;
    }
}
