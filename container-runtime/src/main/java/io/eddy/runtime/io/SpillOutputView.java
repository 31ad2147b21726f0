package io.eddy.runtime.io;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentOutputView;

import java.io.IOException;

/**
 * Serializes into one spill file through a single buffer page, written out whenever it is full. The
 * page stays the caller's (it came from its managed memory) and is free again after {@link #close()}.
 */
public final class SpillOutputView extends SegmentOutputView implements AutoCloseable {
    private final SpillFileWriter writer;

    public SpillOutputView(SpillFileWriter writer, MemorySegment buffer) {
        this(writer, buffer, 0);
    }

    /**
     * Continues a page already partly filled: its first {@code position} bytes are written as they are.
     * Lets a hash table move an in-memory partition to disk keeping its page layout.
     */
    public SpillOutputView(SpillFileWriter writer, MemorySegment buffer, int position) {
        super(buffer, buffer.size());
        seek(buffer, position, buffer.size());
        this.writer = writer;
    }

    @Override
    protected MemorySegment nextPage(MemorySegment current, int bytes) throws IOException {
        writer.write(current, bytes);
        return current;
    }

    public SpillFile getFile() {
        return writer.getFile();
    }

    /** Bytes written so far, including those still in the buffer. */
    public long getBytesWritten() {
        return writer.getBytesWritten() + getPositionInPage();
    }

    /** Writes what the buffer holds and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            if (getPositionInPage() > 0) {
                writer.write(getCurrentPage(), getPositionInPage());
            }
        } finally {
            writer.close();
        }
    }
}
