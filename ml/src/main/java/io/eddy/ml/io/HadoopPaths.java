package io.eddy.ml.io;

import io.eddy.api.fs.FileStatus;
import io.eddy.api.fs.FileSystem;
import io.eddy.api.fs.FileSystems;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's inputs and model files on any file system of framework-api's {@link FileSystems}:
 * local paths (plain or {@code file://}; relative ones resolve against the working directory), and
 * {@code hdfs://namenode:port/…} or any other Hadoop file system when the hdfs-state module is on the
 * class path, as under {@code bin/eddy}. The ml module itself does not depend on Hadoop.
 */
public final class HadoopPaths {
    private HadoopPaths() {}

    /**
     * The files of {@code path}, a file or a directory of files (those whose names start with
     * {@code .} or {@code _} are skipped), sorted by name, fully qualified. Fails naming the path when
     * it does not exist.
     */
    public static List<String> listFiles(String path) throws IOException {
        FileSystem fs = FileSystems.get(path);
        if (!fs.exists(path)) {
            throw new FileNotFoundException("Input path does not exist: " + path
                    + ". Check the path; relative paths resolve against " + System.getProperty("user.dir"));
        }
        List<String> files = new ArrayList<>();
        for (FileStatus file : fs.listFiles(path)) {
            files.add(file.path());
        }
        return files;
    }

    /** Whether a file or directory exists at {@code path}. */
    public static boolean exists(String path) throws IOException {
        return FileSystems.get(path).exists(path);
    }

    public static BufferedReader openText(String file) throws IOException {
        return new BufferedReader(new InputStreamReader(FileSystems.get(file).open(file), StandardCharsets.UTF_8));
    }

    /** Creates (or replaces) {@code file} and its missing parent directories. */
    public static BufferedWriter createText(String file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(FileSystems.get(file).create(file, true), StandardCharsets.UTF_8),
                64 * 1024);
    }

    /** Writes {@code text} as the whole of {@code file}, replacing it. */
    public static void writeText(String file, CharSequence text) throws IOException {
        try (BufferedWriter writer = createText(file)) {
            writer.append(text);
        }
    }

    /** The path of {@code name} inside directory {@code directory}, on the directory's file system. */
    public static String child(String directory, String name) {
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    /**
     * The part file of parallel subtask {@code subtask} in {@code directory}: {@code part-00000},
     * {@code part-00001}, … (five digits or more), so that the names sort as the subtasks do and the
     * part files taken in name order ({@code cat dir/*}) concatenate to the subtasks' order.
     */
    public static String partFile(String directory, int subtask) {
        return child(directory, String.format(java.util.Locale.ROOT, "part-%05d", subtask));
    }
}
