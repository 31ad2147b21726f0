package io.eddy.api.fs;

import java.io.IOException;
import java.net.URI;

/**
 * Makes the {@link FileSystem} for URI schemes other than the local one. Implementations are found
 * through {@link java.util.ServiceLoader} (a {@code META-INF/services/io.eddy.api.fs.FileSystemFactory}
 * entry), as {@code hdfs-state} registers the Hadoop file systems.
 */
public interface FileSystemFactory {
    /** Whether this factory serves {@code scheme} (lower case, for example {@code hdfs}). */
    boolean accepts(String scheme);

    /** The file system holding {@code uri}; may be shared by every path of the same scheme and authority. */
    FileSystem get(URI uri) throws IOException;
}
