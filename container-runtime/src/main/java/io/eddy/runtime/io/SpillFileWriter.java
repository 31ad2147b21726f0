package io.eddy.runtime.io;

import io.eddy.api.memory.MemorySegment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Appends pages to one spill file. The caller keeps ownership of each page: it may reuse the page as
 * soon as {@link #write} returns. Pages go through one direct buffer of the writer's own (a heap
 * buffer would make the JDK copy through a temporary direct one on every call). One thread.
 */
public final class SpillFileWriter implements AutoCloseable {
    private final SpillFile file;
    private final FileChannel channel;
    private ByteBuffer direct;
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
        if (direct == null || direct.capacity() < length) {
            direct = ByteBuffer.allocateDirect(Math.max(length, page.size()));
        }
        ByteBuffer buffer = direct.clear();
        buffer.put(page.array(), 0, length).flip();
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
