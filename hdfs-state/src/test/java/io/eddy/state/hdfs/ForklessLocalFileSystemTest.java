package io.eddy.state.hdfs;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ForklessLocalFileSystemTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void servesFileUrisAndSetsPermissionsItself() throws Exception {
        Path file = new Path(dir.toUri().toString(), "a/b/state");
        // not the cached instance: another test of this JVM may have created Hadoop's own first
        FileSystem fs = FileSystem.newInstance(file.toUri(), ForklessLocalFileSystem.hadoopConfiguration());
        assertInstanceOf(ForklessLocalFileSystem.class, fs);
        try (FSDataOutputStream out = fs.create(file)) {
            out.writeLong(42);
        }
        fs.setPermission(file, new FsPermission((short) 0640));
        fs.setPermission(file.getParent(), new FsPermission((short) 0751));

        java.nio.file.Path local = dir.resolve("a/b/state");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(local)));
        assertEquals("rwxr-x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(local.getParent())));
        try (var in = fs.open(file)) {
            assertEquals(42, in.readLong()); // still checksummed: the .crc file verifies
        }
        assertEquals(true, Files.exists(dir.resolve("a/b/.state.crc")));
    }
}
