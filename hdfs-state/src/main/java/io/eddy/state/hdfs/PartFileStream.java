package io.eddy.state.hdfs;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What encoders write a part file through: a buffer in front of the file system's stream that also
 * counts the bytes, so that rolling by size costs one comparison per record and encoders may write
 * byte by byte. One instance per writer, reused for each of its files; task thread only.
 *
 * <p>{@link #close()} does nothing: the writer owns the file and closes it with {@link #finish()}.
 */
final class PartFileStream extends OutputStream {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final byte[] buffer = new byte[BUFFER_SIZE];
    /** The open file, or null between files. */
    private OutputStream file;
    private int buffered;
    private long flushed;

    void start(OutputStream file) {
        this.file = file;
        this.buffered = 0;
        this.flushed = 0;
    }

    boolean isOpen() {
        return file != null;
    }

    /** Bytes written into the current file so far. */
    long size() {
        return flushed + buffered;
    }

    @Override
    public void write(int b) throws IOException {
        if (buffered == buffer.length) {
            drain();
        }
        buffer[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - buffered) {
            drain();
            if (length >= buffer.length) {
                file.write(bytes, offset, length);
                flushed += length;
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, buffered, length);
        buffered += length;
    }

    private void drain() throws IOException {
        file.write(buffer, 0, buffered);
        flushed += buffered;
        buffered = 0;
    }

    /** Writes out the buffer and closes the file. */
    void finish() throws IOException {
        OutputStream f = file;
        file = null;
        try {
            f.write(buffer, 0, buffered);
        } finally {
            buffered = 0;
            f.close();
        }
    }

    /** Closes the file without writing the buffer, e.g. when the file is about to be deleted. */
    void discard() throws IOException {
        OutputStream f = file;
        file = null;
        buffered = 0;
        if (f != null) {
            f.close();
        }
    }
}
