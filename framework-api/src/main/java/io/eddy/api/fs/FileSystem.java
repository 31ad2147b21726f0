package io.eddy.api.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The operations Eddy's file sources and sinks need from a file system: the local disk, or HDFS and
 * the other Hadoop file systems when the {@code hdfs-state} module is on the class path. Obtain one
 * with {@link FileSystems#get(String)}. Paths are strings as the user wrote them ({@code /data/in},
 * {@code file:///data/in}, {@code hdfs://namenode:8020/data/in}). Implementations are thread-safe;
 * the streams they return belong to the thread that opened them.
 */
public interface FileSystem {
    /** Opens a file for reading; fails with {@link java.io.FileNotFoundException} naming it when it is absent. */
    SeekableInputStream open(String path) throws IOException;

    /**
     * Creates a file and its missing parent directories. An existing file is replaced when
     * {@code overwrite}, else the call fails with {@link java.nio.file.FileAlreadyExistsException}.
     */
    OutputStream create(String path, boolean overwrite) throws IOException;

    /** The status of {@code path}; {@link java.io.FileNotFoundException} naming it when it is absent. */
    FileStatus status(String path) throws IOException;

    /**
     * The files to read for an input path: the file itself, or the files directly inside a directory
     * whose names do not start with {@code .} or {@code _} (hidden and marker files such as
     * {@code _SUCCESS}), sorted by path. Fails with {@link java.io.FileNotFoundException} naming the
     * path when it does not exist.
     */
    List<FileStatus> listFiles(String path) throws IOException;

    boolean exists(String path) throws IOException;

    /** Deletes a file, or a directory with its contents; false if nothing was there. */
    boolean delete(String path) throws IOException;

    /** Creates a directory and its missing parents; nothing if it exists already. */
    void mkdirs(String path) throws IOException;

    /** Whether a file or directory name is one {@link #listFiles} skips. */
    static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }
}
