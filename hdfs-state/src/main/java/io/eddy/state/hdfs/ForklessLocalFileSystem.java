package io.eddy.state.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's checksummed local file system ({@code file://}) without its forks. Without Hadoop's
 * native library, {@link RawLocalFileSystem} starts a {@code chmod} process for every file and
 * directory it creates; from a JVM with a large heap each costs milliseconds of system time, and
 * as a checkpoint creates a few files per task, checkpoints every second cost a job 10-20 % of
 * its throughput. This one sets permissions through java.nio instead.
 *
 * <p>Hadoop caches one file system per scheme and process, so it serves {@code file://} when the
 * checkpoint storage or the file sink is the first to ask, as in a TaskManager.
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    public ForklessLocalFileSystem() {
        super(new Raw());
    }

    /** Hadoop's settings from the class path, with this class serving {@code file://} unless they name another. */
    static Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        conf.setIfUnset("fs.file.impl", ForklessLocalFileSystem.class.getName());
        return conf;
    }

    private static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            if (!POSIX) {
                super.setPermission(p, permission);
                return;
            }
            Set<PosixFilePermission> posix = EnumSet.noneOf(PosixFilePermission.class);
            add(posix, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE);
            add(posix, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.GROUP_EXECUTE);
            add(posix, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(pathToFile(p).toPath(), posix);
        }

        private static void add(Set<PosixFilePermission> into, FsAction action, PosixFilePermission read,
                PosixFilePermission write, PosixFilePermission execute) {
            if (action.implies(FsAction.READ)) {
                into.add(read);
            }
            if (action.implies(FsAction.WRITE)) {
                into.add(write);
            }
            if (action.implies(FsAction.EXECUTE)) {
                into.add(execute);
            }
        }
    }
}
