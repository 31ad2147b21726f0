package io.eddy.runtime.io;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spill files of one TaskManager. At start it creates a directory of its own under every
 * {@code io.tmp.dirs} entry and spreads new files over them round-robin; it deletes them when their
 * owner (an operator instance) finishes, is cancelled or fails ({@link #deleteAll(Object)}), and the
 * directories on {@link #shutdown()}.
 *
 * <p>Writers and readers move whole pages between managed memory and files. They are synchronous on
 * purpose: a spill writes into the page cache at memory speed, and on the few cores a TaskManager
 * gets per slot an I/O thread per file would compete with the task thread instead of overlapping it.
 * Pages are large (32 KiB by default), so each call is one system call for many records.
 *
 * <p>A failed write (a full disk) throws an {@link IOException} naming the file and the option.
 *
 * <p>Threading: file creation and deletion are thread-safe; a writer or reader belongs to one thread.
 */
public final class IOManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IOManager.class);

    private final Path[] directories;
    private final AtomicLong nextFile = new AtomicLong();

    private final Object lock = new Object();
    /** Open files per owner, with the channel that writes or reads each (null before opening). Guarded by lock. */
    private final Map<Object, Map<SpillFile, FileChannel>> files = new IdentityHashMap<>();
    private boolean shutDown;

    public IOManager(List<Path> tmpDirectories) {
        if (tmpDirectories.isEmpty()) {
            throw new IllegalConfigurationException("No spill directory: set " + IOManagerOptions.TMP_DIRS.key()
                    + " to one or more comma-separated directories.");
        }
        String name = "eddy-io-" + UUID.randomUUID();
        directories = new Path[tmpDirectories.size()];
        for (int i = 0; i < directories.length; i++) {
            Path dir = tmpDirectories.get(i).resolve(name);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IllegalConfigurationException("Cannot create the spill directory " + dir + " (from "
                        + IOManagerOptions.TMP_DIRS.key() + "): " + e.getMessage()
                        + ". Point the option at existing, writable directories.", e);
            }
            directories[i] = dir;
        }
    }

    public static IOManager fromConfiguration(Configuration config) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String entry : config.get(IOManagerOptions.TMP_DIRS).split(",")) {
            if (!entry.isBlank()) {
                dirs.add(Path.of(entry.trim()));
            }
        }
        return new IOManager(new ArrayList<>(dirs));
    }

    /** The directories this manager spills into, one per configured entry. */
    public List<Path> getSpillDirectories() {
        return Arrays.asList(directories.clone());
    }

    /** A new spill file for {@code owner}, in the next directory round-robin; created when a writer opens it. */
    public SpillFile createSpillFile(Object owner) {
        long n = nextFile.getAndIncrement();
        Path path = directories[(int) (n % directories.length)].resolve(String.format("%06d.spill", n));
        SpillFile file = new SpillFile(path, owner);
        synchronized (lock) {
            checkRunning();
            files.computeIfAbsent(owner, o -> new IdentityHashMap<>()).put(file, null);
        }
        return file;
    }

    /** Opens a writer that creates {@code file} and appends pages to it. */
    public SpillFileWriter openWriter(SpillFile file) throws IOException {
        FileChannel channel = open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return new SpillFileWriter(file, channel);
    }

    /** Opens a reader of a written file from its start. */
    public SpillFileReader openReader(SpillFile file) throws IOException {
        return new SpillFileReader(file, open(file, StandardOpenOption.READ));
    }

    private FileChannel open(SpillFile file, StandardOpenOption... options) throws IOException {
        synchronized (lock) {
            checkRunning();
            Map<SpillFile, FileChannel> ofOwner = files.get(file.owner());
            if (ofOwner == null || !ofOwner.containsKey(file)) {
                throw new IllegalStateException("Spill file " + file + " was deleted or not created by this I/O manager");
            }
            FileChannel channel = FileChannel.open(file.path(), options);
            FileChannel previous = ofOwner.put(file, channel);
            closeQuietly(previous);
            return channel;
        }
    }

    /** Closes and deletes one file (a run that has been merged). */
    public void delete(SpillFile file) {
        synchronized (lock) {
            Map<SpillFile, FileChannel> ofOwner = files.get(file.owner());
            if (ofOwner != null && ofOwner.containsKey(file)) {
                closeQuietly(ofOwner.remove(file));
                if (ofOwner.isEmpty()) {
                    files.remove(file.owner());
                }
            }
        }
        deleteQuietly(file.path());
    }

    /** Closes and deletes every file of {@code owner}: on finish, cancel and failure. */
    public void deleteAll(Object owner) {
        Map<SpillFile, FileChannel> ofOwner;
        synchronized (lock) {
            ofOwner = files.remove(owner);
        }
        if (ofOwner != null) {
            ofOwner.forEach((file, channel) -> {
                closeQuietly(channel);
                deleteQuietly(file.path());
            });
        }
    }

    /** Number of files of {@code owner} not yet deleted. */
    public int fileCount(Object owner) {
        synchronized (lock) {
            Map<SpillFile, FileChannel> ofOwner = files.get(owner);
            return ofOwner == null ? 0 : ofOwner.size();
        }
    }

    /** Deletes every remaining file and this manager's directories; later file requests fail. */
    public void shutdown() {
        synchronized (lock) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            files.forEach((owner, ofOwner) -> ofOwner.forEach((file, channel) -> {
                closeQuietly(channel);
                deleteQuietly(file.path());
            }));
            files.clear();
        }
        for (Path dir : directories) {
            try (var leftovers = Files.list(dir)) {
                leftovers.forEach(IOManager::deleteQuietly);
            } catch (IOException e) {
                LOG.warn("Cannot list spill directory {} to clean it: {}", dir, e.toString());
            }
            deleteQuietly(dir);
        }
    }

    @Override
    public void close() {
        shutdown();
    }

    private void checkRunning() {
        if (shutDown) {
            throw new IllegalStateException("The I/O manager is shut down; the TaskManager is stopping");
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing a spill file failed: {}", e.toString());
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Cannot delete spill file {}: {}", path, e.toString());
        }
    }

    /** Thrown as the cause when a page cannot be written; the message names file, option and remedy. */
    static IOException writeFailed(SpillFile file, IOException e) {
        return new IOException("Cannot write spill file " + file.path() + ": " + e.getMessage() + ". The disk holding it is full or "
                + "failing: free space there or point " + IOManagerOptions.TMP_DIRS.key() + " at a larger disk.", e);
    }

}
