package io.eddy.api.fs;

import java.io.IOException;
import java.io.InputStream;

/** A file's bytes that can be read from any offset, so readers can start at a split's first byte. */
public abstract class SeekableInputStream extends InputStream {
    /** Moves to byte {@code position} of the file; the next read returns that byte. */
    public abstract void seek(long position) throws IOException;

    /** The offset of the byte the next read returns. */
    public abstract long getPos() throws IOException;
}
