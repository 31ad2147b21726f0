package io.eddy.state.hdfs;

import io.eddy.runtime.checkpoint.CheckpointLocation.StateOutputStream;
import io.eddy.runtime.checkpoint.StateHandle;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The framing of state and metadata files, which makes truncated and corrupt files detectable so
 * that recovery can fall back to an earlier checkpoint (file systems without end-to-end checksums,
 * e.g. object stores, and half-written files would otherwise restore garbage):
 *
 * <pre>
 *   "EDS1"                       4 bytes, header
 *   state                        n bytes
 *   n                            8 bytes, big-endian
 *   CRC32 of the state           4 bytes, big-endian
 *   "EDE1"                       4 bytes, footer end
 * </pre>
 *
 * Readers check header, footer and length when they open a file, and the CRC32 when they read its
 * last state byte, before handing that byte out.
 */
final class StateFileFormat {
    private static final int HEADER = 0x45445331; // "EDS1"
    private static final int FOOTER_END = 0x45444531; // "EDE1"
    static final int HEADER_LENGTH = 4;
    static final int FOOTER_LENGTH = 16;

    private StateFileFormat() {}

    /** Creates {@code file} (it must not exist) and writes the header; {@code handlePath} goes into the handle. */
    static FramedOutputStream create(FileSystem fs, Path file, String handlePath) throws IOException {
        FSDataOutputStream out = fs.create(file, false);
        try {
            out.writeInt(HEADER);
        } catch (IOException e) {
            out.close();
            throw e;
        }
        return new FramedOutputStream(fs, file, out, handlePath);
    }

    /**
     * Opens {@code file} for reading its state. {@code expectedSize} is the size from the handle,
     * or -1 if unknown.
     */
    static InputStream open(FileSystem fs, Path file, long expectedSize) throws IOException {
        long fileLength;
        try {
            fileLength = fs.getFileStatus(file).getLen();
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("state file " + file + " does not exist");
        }
        if (fileLength < HEADER_LENGTH + FOOTER_LENGTH) {
            throw corrupt(file, "it has " + fileLength + " bytes, fewer than header and footer need (truncated?)");
        }
        FSDataInputStream in = fs.open(file);
        try {
            byte[] header = new byte[HEADER_LENGTH];
            in.readFully(0, header);
            if (ByteBuffer.wrap(header).getInt() != HEADER) {
                throw corrupt(file, "it does not start with a state file header");
            }
            byte[] footerBytes = new byte[FOOTER_LENGTH];
            in.readFully(fileLength - FOOTER_LENGTH, footerBytes);
            ByteBuffer footer = ByteBuffer.wrap(footerBytes);
            long length = footer.getLong();
            int crc = footer.getInt();
            if (footer.getInt() != FOOTER_END) {
                throw corrupt(file, "it does not end with a state file footer (truncated or not completely written?)");
            }
            if (length != fileLength - HEADER_LENGTH - FOOTER_LENGTH) {
                throw corrupt(file, "its footer announces " + length + " state bytes but it holds "
                        + (fileLength - HEADER_LENGTH - FOOTER_LENGTH));
            }
            if (expectedSize >= 0 && expectedSize != length) {
                throw corrupt(file, "it holds " + length + " state bytes but its handle says " + expectedSize);
            }
            in.seek(HEADER_LENGTH);
            return new BufferedInputStream(new VerifyingInputStream(in, file, length, crc), 64 * 1024);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static IOException corrupt(Path file, String why) {
        return new IOException("state file " + file + " is corrupt: " + why);
    }

    /** Counts and checksums the state; {@link #close()} without a handle deletes the partial file. */
    static final class FramedOutputStream extends StateOutputStream {
        private final FileSystem fs;
        private final Path file;
        private final FSDataOutputStream out;
        private final String handlePath;
        private final CRC32 crc = new CRC32();
        private long length;
        private boolean closed;

        private FramedOutputStream(FileSystem fs, Path file, FSDataOutputStream out, String handlePath) {
            this.fs = fs;
            this.file = file;
            this.out = out;
            this.handlePath = handlePath;
        }

        @Override
        public void write(int b) throws IOException {
            checkOpen();
            out.write(b);
            crc.update(b);
            length++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            checkOpen();
            out.write(b, off, len);
            crc.update(b, off, len);
            length += len;
        }

        @Override
        public void flush() throws IOException {
            checkOpen();
            out.flush();
        }

        @Override
        public StateHandle closeAndGetHandle() throws IOException {
            checkOpen();
            closed = true;
            try {
                out.writeLong(length);
                out.writeInt((int) crc.getValue());
                out.writeInt(FOOTER_END);
                out.close();
            } catch (IOException e) {
                deleteQuietly();
                throw new IOException("could not complete state file " + file + ": " + e.getMessage(), e);
            }
            return new StateHandle(handlePath, length);
        }

        /** Abandons the file: without {@link #closeAndGetHandle()} nobody refers to it. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
            } finally {
                deleteQuietly();
            }
        }

        private void deleteQuietly() {
            try {
                fs.delete(file, false);
            } catch (IOException ignored) {
                // debris inside a checkpoint directory goes when the directory is discarded
            }
        }

        private void checkOpen() throws IOException {
            if (closed) {
                throw new IOException("state file " + file + " is already closed");
            }
        }
    }

    /** Hands out the state and checks the CRC32 before the last byte leaves. */
    private static final class VerifyingInputStream extends InputStream {
        private final FSDataInputStream in;
        private final Path file;
        private final long length;
        private final int expectedCrc;
        private final CRC32 crc = new CRC32();
        private long remaining;

        VerifyingInputStream(FSDataInputStream in, Path file, long length, int expectedCrc) throws IOException {
            this.in = in;
            this.file = file;
            this.length = length;
            this.expectedCrc = expectedCrc;
            this.remaining = length;
            if (length == 0) {
                verify();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw corrupt(file, "it ended after " + (length - remaining) + " of " + length + " state bytes");
            }
            crc.update(b, off, n);
            remaining -= n;
            if (remaining == 0) {
                verify();
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private void verify() throws IOException {
            if ((int) crc.getValue() != expectedCrc) {
                throw corrupt(file, "the CRC32 of its " + length + " state bytes does not match its footer");
            }
        }
    }
}
