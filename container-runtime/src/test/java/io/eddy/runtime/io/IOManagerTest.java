package io.eddy.runtime.io;

import io.eddy.api.config.Configuration;
import io.eddy.api.memory.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class IOManagerTest {
    @TempDir
    Path tmp;

    @Test
    void filesGoRoundRobinOverTheDirectoriesAndRoundTripThroughViews() throws IOException {
        Path a = tmp.resolve("disk-a");
        Path b = tmp.resolve("disk-b");
        IOManager io = IOManager.fromConfiguration(new Configuration().set(IOManagerOptions.TMP_DIRS, a + ", " + b));
        try {
            SpillFile first = io.createSpillFile("op");
            SpillFile second = io.createSpillFile("op");
            assertTrue(first.path().startsWith(a), first.toString());
            assertTrue(second.path().startsWith(b), second.toString());

            MemorySegment buffer = MemorySegment.allocate(4096);
            try (SpillOutputView out = new SpillOutputView(io.openWriter(first), buffer)) {
                for (int i = 0; i < 10_000; i++) {
                    out.writeLong(i * 31L);
                    out.writeByte(i);
                    out.writeInt(-i);
                }
                assertEquals(130_000, out.getBytesWritten());
            }
            assertEquals(130_000, Files.size(first.path()));
            try (SpillInputView in = new SpillInputView(io.openReader(first), buffer)) {
                for (int i = 0; i < 10_000; i++) {
                    assertEquals(i * 31L, in.readLong());
                    assertEquals((byte) i, in.readByte());
                    assertEquals(-i, in.readInt());
                }
                assertEquals(-1, in.read(new byte[1], 0, 1));
            }
            io.createSpillFile("other");
            assertEquals(2, io.fileCount("op"));
            io.deleteAll("op");
            assertFalse(Files.exists(first.path()));
            assertEquals(0, io.fileCount("op"));
            assertEquals(1, io.fileCount("other"));
        } finally {
            io.shutdown();
        }
        assertFalse(Files.exists(a.resolve(io.getSpillDirectories().get(0).getFileName())));
        try (var left = Files.list(a)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aFullDiskFailsNamingTheFileAndTheOption() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full");
        IOManager io = new IOManager(List.of(tmp));
        try {
            SpillFile file = io.createSpillFile("op");
            // the file's path leads to a device that reports "no space left" on every write
            Files.createSymbolicLink(file.path(), full);
            SpillFileWriter writer = io.openWriter(file);
            IOException e = assertThrows(IOException.class, () -> writer.write(MemorySegment.allocate(4096), 4096));
            assertTrue(e.getMessage().contains(file.path().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("io.tmp.dirs"), e.getMessage());
            io.deleteAll("op");
            assertFalse(Files.exists(file.path(), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        } finally {
            io.shutdown();
        }
    }

    @Test
    void anUnusableDirectoryIsRejectedWithTheOption() throws IOException {
        Path file = Files.createFile(tmp.resolve("not-a-directory"));
        var e = assertThrows(io.eddy.api.config.IllegalConfigurationException.class, () -> new IOManager(List.of(file)));
        assertTrue(e.getMessage().contains("io.tmp.dirs"), e.getMessage());
    }
}
