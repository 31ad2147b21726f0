package io.eddy.runtime.operators.sort;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentInputView;
import io.eddy.runtime.io.IOManager;
import io.eddy.runtime.io.SpillInputView;

import java.io.IOException;

/**
 * The head of one run during a merge: its normalized key as longs and its record's bytes, read
 * through one buffer page. The key and record arrays are reused from head to head (the record array
 * grows to the largest record), so advancing allocates nothing.
 */
final class RunReader implements AutoCloseable {
    private final SpillInputView input;
    private long remaining;
    final long[] key;
    byte[] record = new byte[64];
    int length;
    final SegmentInputView recordView = new SegmentInputView();

    RunReader(IOManager ioManager, Run run, int keyLongs, MemorySegment buffer) throws IOException {
        this.input = new SpillInputView(ioManager.openReader(run.file()), buffer);
        this.remaining = run.records();
        this.key = new long[keyLongs];
    }

    /** Moves to the next entry; false when the run is exhausted. */
    boolean advance() throws IOException {
        if (remaining == 0) {
            return false;
        }
        remaining--;
        for (int w = 0; w < key.length; w++) {
            key[w] = input.readLong();
        }
        length = input.readInt();
        if (length > record.length) {
            record = new byte[Math.max(length, 2 * record.length)];
        }
        input.readFully(record, 0, length);
        return true;
    }

    /** The current record's bytes as a view, from their start. */
    SegmentInputView recordBytes() {
        recordView.setBuffer(record, 0, length);
        return recordView;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
