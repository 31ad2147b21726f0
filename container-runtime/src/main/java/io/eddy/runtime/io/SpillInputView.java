package io.eddy.runtime.io;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentInputView;

import java.io.EOFException;
import java.io.IOException;

/**
 * Deserializes from one spill file through a single buffer page, refilled whenever it is consumed.
 * The page stays the caller's and is free again after {@link #close()}.
 */
public final class SpillInputView extends SegmentInputView implements AutoCloseable {
    private final SpillFileReader reader;
    private int validBytes;

    public SpillInputView(SpillFileReader reader, MemorySegment buffer) {
        super(buffer, 0, 0);
        this.reader = reader;
    }

    @Override
    protected MemorySegment nextPage(MemorySegment current) throws IOException {
        validBytes = reader.read(current);
        if (validBytes < 0) {
            throw new EOFException("End of spill file " + reader.getFile());
        }
        return current;
    }

    @Override
    protected int limitOf(MemorySegment page) {
        return validBytes;
    }

    public SpillFile getFile() {
        return reader.getFile();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
