package io.eddy.api.fs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local disk through java.nio: plain paths (relative ones resolve against the working directory)
 * and {@code file:} URIs. Listed paths are absolute. Stateless, so one instance serves all threads.
 */
final class LocalFileSystem implements FileSystem {
    static final LocalFileSystem INSTANCE = new LocalFileSystem();

    private LocalFileSystem() {}

    private static Path toPath(String path) {
        // file:///a/b and file:/a/b are /a/b; file://a/b is the relative path a/b, as before the SPI
        return Paths.get(path.startsWith("file://") ? path.substring(7) : path.startsWith("file:") ? path.substring(5) : path);
    }

    private static FileNotFoundException notFound(Path p) {
        return new FileNotFoundException("Path does not exist: " + p.toAbsolutePath()
                + ". Check the path; relative paths resolve against " + Paths.get("").toAbsolutePath());
    }

    @Override
    public SeekableInputStream open(String path) throws IOException {
        Path p = toPath(path);
        FileChannel channel;
        try {
            channel = FileChannel.open(p, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw notFound(p);
        }
        return new ChannelInputStream(channel);
    }

    @Override
    public OutputStream create(String path, boolean overwrite) throws IOException {
        Path p = toPath(path).toAbsolutePath();
        Files.createDirectories(p.getParent());
        if (!overwrite) {
            try {
                return Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                throw new FileAlreadyExistsException(p.toString(), null,
                        "the file exists already: delete it or allow overwriting");
            }
        }
        return Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    @Override
    public FileStatus status(String path) throws IOException {
        Path p = toPath(path).toAbsolutePath();
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new FileStatus(p.toString(), a.isDirectory() ? 0 : a.size(), a.isDirectory());
        } catch (NoSuchFileException e) {
            throw notFound(p);
        }
    }

    @Override
    public List<FileStatus> listFiles(String path) throws IOException {
        FileStatus status = status(path);
        if (!status.isDirectory()) {
            return List.of(status);
        }
        List<FileStatus> files = new ArrayList<>();
        try (Stream<Path> children = Files.list(Paths.get(status.path()))) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (Files.isRegularFile(child) && !FileSystem.isHidden(child.getFileName().toString())) {
                    files.add(new FileStatus(child.toString(), Files.size(child), false));
                }
            }
        }
        files.sort(Comparator.comparing(FileStatus::path));
        return files;
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(toPath(path));
    }

    @Override
    public boolean delete(String path) throws IOException {
        Path p = toPath(path);
        if (!Files.exists(p)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
        return true;
    }

    @Override
    public void mkdirs(String path) throws IOException {
        Files.createDirectories(toPath(path));
    }

    /** A file channel as a seekable stream; the callers buffer, so reads go straight to the channel. */
    private static final class ChannelInputStream extends SeekableInputStream {
        private final FileChannel channel;
        private final byte[] one = new byte[1];

        ChannelInputStream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void seek(long position) throws IOException {
            channel.position(position);
        }

        @Override
        public long getPos() throws IOException {
            return channel.position();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
