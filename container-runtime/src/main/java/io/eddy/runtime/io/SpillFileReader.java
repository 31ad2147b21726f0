package io.eddy.runtime.io;

import io.eddy.api.memory.MemorySegment;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads a spill file page by page from its start. One thread. */
public final class SpillFileReader implements AutoCloseable {
    private final SpillFile file;
    private final FileChannel channel;

    SpillFileReader(SpillFile file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    public SpillFile getFile() {
        return file;
    }

    /** Fills {@code page} from the file; returns the bytes read (less than a page only at the end), -1 at the end. */
    public int read(MemorySegment page) throws IOException {
        ByteBuffer buffer = page.wrap(0, page.size());
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
        }
        return total;
    }

    /**
     * Reads exactly {@code length} bytes into the start of {@code page}; returns {@code length}, or -1
     * when the file ended before the first byte.
     *
     * @throws EOFException when it ends in the middle: the file was cut short
     */
    public int readFully(MemorySegment page, int length) throws IOException {
        ByteBuffer buffer = page.wrap(0, length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (buffer.position() == 0) {
                    return -1;
                }
                throw new EOFException("Spill file " + file + " ends " + buffer.remaining() + " bytes early");
            }
        }
        return length;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
