package io.eddy.state.hdfs;

import io.eddy.api.fs.FileStatus;
import io.eddy.api.fs.FileSystem;
import io.eddy.api.fs.FileSystemFactory;
import io.eddy.api.fs.SeekableInputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Eddy's file sources and sinks on every scheme Hadoop serves ({@code hdfs}, {@code webhdfs},
 * {@code viewfs}, ...), with Hadoop's settings from {@code HADOOP_CONF_DIR} / the class path as for
 * checkpoints. Hadoop caches its file system per scheme and authority, so {@link #get} is cheap.
 */
public final class HadoopFileSystemFactory implements FileSystemFactory {
    @Override
    public boolean accepts(String scheme) {
        try {
            org.apache.hadoop.fs.FileSystem.getFileSystemClass(scheme, ForklessLocalFileSystem.hadoopConfiguration());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public FileSystem get(URI uri) throws IOException {
        return new HadoopFileSystem(org.apache.hadoop.fs.FileSystem.get(uri, ForklessLocalFileSystem.hadoopConfiguration()));
    }

    /** One Hadoop file system; thread-safe as Hadoop's is. */
    private record HadoopFileSystem(org.apache.hadoop.fs.FileSystem fs) implements FileSystem {
        private FileNotFoundException notFound(Path p) {
            return new FileNotFoundException("Path does not exist: " + fs.makeQualified(p) + ". Check the path");
        }

        @Override
        public SeekableInputStream open(String path) throws IOException {
            Path p = new Path(path);
            FSDataInputStream in;
            try {
                in = fs.open(p);
            } catch (FileNotFoundException e) {
                throw notFound(p);
            }
            return new SeekableInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public void seek(long position) throws IOException {
                    in.seek(position);
                }

                @Override
                public long getPos() throws IOException {
                    return in.getPos();
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        @Override
        public OutputStream create(String path, boolean overwrite) throws IOException {
            Path p = new Path(path);
            try {
                return fs.create(p, overwrite);
            } catch (FileAlreadyExistsException e) {
                throw new java.nio.file.FileAlreadyExistsException(fs.makeQualified(p).toString(), null,
                        "the file exists already: delete it or allow overwriting");
            }
        }

        @Override
        public FileStatus status(String path) throws IOException {
            Path p = new Path(path);
            try {
                return toStatus(fs.getFileStatus(p));
            } catch (FileNotFoundException e) {
                throw notFound(p);
            }
        }

        private FileStatus toStatus(org.apache.hadoop.fs.FileStatus s) {
            return new FileStatus(fs.makeQualified(s.getPath()).toString(), s.isDirectory() ? 0 : s.getLen(),
                    s.isDirectory());
        }

        @Override
        public List<FileStatus> listFiles(String path) throws IOException {
            FileStatus status = status(path);
            if (!status.isDirectory()) {
                return List.of(status);
            }
            List<FileStatus> files = new ArrayList<>();
            for (org.apache.hadoop.fs.FileStatus child : fs.listStatus(new Path(status.path()))) {
                if (child.isFile() && !FileSystem.isHidden(child.getPath().getName())) {
                    files.add(toStatus(child));
                }
            }
            files.sort(Comparator.comparing(FileStatus::path));
            return files;
        }

        @Override
        public boolean exists(String path) throws IOException {
            return fs.exists(new Path(path));
        }

        @Override
        public boolean delete(String path) throws IOException {
            return fs.delete(new Path(path), true);
        }

        @Override
        public void mkdirs(String path) throws IOException {
            fs.mkdirs(new Path(path));
        }
    }
}
