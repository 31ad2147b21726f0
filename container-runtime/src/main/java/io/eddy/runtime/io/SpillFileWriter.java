package io.eddy.runtime.io;

import io.eddy.api.memory.MemorySegment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Appends pages to one spill file. The caller keeps ownership of each page: it may reuse the page as
 * soon as {@link #write} returns. One thread.
 */
public final class SpillFileWriter implements AutoCloseable {
    private final SpillFile file;
    private final FileChannel channel;
    private long bytesWritten;

    SpillFileWriter(SpillFile file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    public SpillFile getFile() {
        return file;
    }

    /** Writes the first {@code length} bytes of {@code page}. */
    public void write(MemorySegment page, int length) throws IOException {
        ByteBuffer buffer = page.wrap(0, length);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw IOManager.writeFailed(file, e);
        }
        bytesWritten += length;
    }

    public long getBytesWritten() {
        return bytesWritten;
    }

    /** Closes the file; its data stays until the I/O manager deletes it. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
