package io.eddy.ml.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The library's inputs and model files on any Hadoop file system: {@code hdfs://namenode:port/…},
 * {@code file:///…}, or a plain path on the default file system ({@code fs.defaultFS}, the local one
 * unless {@code core-site.xml} on the class path says otherwise; relative paths resolve against the
 * working directory). Hadoop's settings come from its usual files on the class path. On the local
 * file system no {@code .crc} side files are written.
 */
public final class HadoopPaths {
    private HadoopPaths() {}

    private static FileSystem fileSystem(Path path) throws IOException {
        FileSystem fs = path.getFileSystem(new Configuration());
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /**
     * The files of {@code path}, a file or a directory of files (those whose names start with
     * {@code .} or {@code _} are skipped), sorted by name, as fully qualified URIs. Fails naming the
     * path when it does not exist.
     */
    public static List<String> listFiles(String path) throws IOException {
        Path p = new Path(path);
        FileSystem fs = fileSystem(p);
        if (!fs.exists(p)) {
            throw new FileNotFoundException("Input path does not exist: " + fs.makeQualified(p)
                    + ". Check the path; relative paths resolve against " + fs.getWorkingDirectory());
        }
        List<String> files = new ArrayList<>();
        FileStatus status = fs.getFileStatus(p);
        if (status.isDirectory()) {
            FileStatus[] children = fs.listStatus(p);
            Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
            for (FileStatus child : children) {
                String name = child.getPath().getName();
                if (child.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
                    files.add(fs.makeQualified(child.getPath()).toString());
                }
            }
        } else {
            files.add(fs.makeQualified(p).toString());
        }
        return files;
    }

    /** Whether a file or directory exists at {@code path}. */
    public static boolean exists(String path) throws IOException {
        Path p = new Path(path);
        return fileSystem(p).exists(p);
    }

    public static BufferedReader openText(String file) throws IOException {
        Path p = new Path(file);
        return new BufferedReader(new InputStreamReader(fileSystem(p).open(p), StandardCharsets.UTF_8));
    }

    /** Creates (or replaces) {@code file} and its missing parent directories. */
    public static BufferedWriter createText(String file) throws IOException {
        Path p = new Path(file);
        return new BufferedWriter(new OutputStreamWriter(fileSystem(p).create(p, true), StandardCharsets.UTF_8));
    }
}
