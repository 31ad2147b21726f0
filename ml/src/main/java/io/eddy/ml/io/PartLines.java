package io.eddy.ml.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;

/**
 * The part file of one parallel subtask ({@link HadoopPaths#partFile}) on any file system, written a
 * line at a time: the caller fills the builder that {@link #line()} clears and hands out, then calls
 * {@link #end()}. The builder and the char buffer are reused, so writing a line allocates nothing
 * beyond what formatting its numbers does. Belongs to the task thread that opened it.
 */
public final class PartLines implements Closeable {
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(256);
    private char[] chars = new char[256];
    private long lines;

    private PartLines(BufferedWriter out) {
        this.out = out;
    }

    /** Creates (or, for a restarted attempt, replaces) the part file of {@code subtask} in {@code directory}. */
    public static PartLines create(String directory, int subtask) throws IOException {
        return new PartLines(HadoopPaths.createText(HadoopPaths.partFile(directory, subtask)));
    }

    /** The next line's builder, empty. */
    public StringBuilder line() {
        line.setLength(0);
        return line;
    }

    /** Writes the builder's text and a line break. */
    public void end() throws IOException {
        int length = line.length();
        if (chars.length < length + 1) {
            chars = new char[Math.max(length + 1, 2 * chars.length)];
        }
        line.getChars(0, length, chars, 0);
        chars[length] = '\n';
        out.write(chars, 0, length + 1);
        lines++;
    }

    /** The lines written so far. */
    public long lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
