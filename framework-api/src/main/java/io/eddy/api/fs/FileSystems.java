package io.eddy.api.fs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the {@link FileSystem} for a path by its URI scheme: none or {@code file} is the local
 * disk, built in; any other scheme goes to the first {@link FileSystemFactory} on the class path that
 * accepts it. The factories are loaded once, on first use, from this class's class loader.
 */
public final class FileSystems {
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");

    private FileSystems() {}

    /** The file system that holds {@code path}; fails naming the scheme and the fix when none serves it. */
    public static FileSystem get(String path) throws IOException {
        String scheme = scheme(path);
        if (scheme == null || scheme.equals("file")) {
            return LocalFileSystem.INSTANCE;
        }
        for (FileSystemFactory factory : Factories.LOADED) {
            if (factory.accepts(scheme)) {
                try {
                    return factory.get(new URI(path));
                } catch (URISyntaxException e) {
                    throw new IOException("Invalid path '" + path + "': " + e.getMessage()
                            + ". Write it as scheme://authority/path, with special characters escaped", e);
                }
            }
        }
        throw new UnsupportedFileSystemException("No file system for scheme '" + scheme + "' of path '" + path
                + "'. " + scheme + ":// and the other Hadoop file systems need the hdfs-state module on the class path: "
                + "run the program through bin/eddy (which puts it there) or add the io.eddy:hdfs-state dependency; "
                + "local paths need no scheme or file://");
    }

    /**
     * The files to read for the input path of {@code reader} (for example {@code readTextFile}), see
     * {@link FileSystem#listFiles}; a missing path fails naming the reader and the path.
     */
    public static List<FileStatus> listInput(String path, String reader) throws IOException {
        try {
            return get(path).listFiles(path);
        } catch (java.io.FileNotFoundException e) {
            throw new java.io.FileNotFoundException("Input of " + reader + " is missing. " + e.getMessage());
        }
    }

    /** The lower-case scheme of {@code path}, or null for a plain local path. */
    static String scheme(String path) {
        Matcher m = SCHEME.matcher(path);
        // one letter before ':' would be a Windows drive, not a scheme
        return m.find() && m.group(1).length() > 1 ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** Thrown when no file system serves a path's scheme. */
    public static final class UnsupportedFileSystemException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsupportedFileSystemException(String message) {
            super(message);
        }
    }

    /** Holder: the factories are looked up on the first non-local path, not when the class loads. */
    private static final class Factories {
        static final List<FileSystemFactory> LOADED = ServiceLoader.load(FileSystemFactory.class,
                FileSystems.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
    }
}
