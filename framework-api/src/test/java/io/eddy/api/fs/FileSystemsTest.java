package io.eddy.api.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Choosing a file system by scheme, and the built-in local one (framework-api has no Hadoop factory). */
class FileSystemsTest {
    @TempDir
    Path dir;

    @Test
    void unknownSchemeNamesTheSchemeAndTheFix() {
        IOException e = assertThrows(FileSystems.UnsupportedFileSystemException.class,
                () -> FileSystems.get("hdfs://namenode:8020/data/in"));
        assertEquals("No file system for scheme 'hdfs' of path 'hdfs://namenode:8020/data/in'. hdfs:// and the other "
                + "Hadoop file systems need the hdfs-state module on the class path: run the program through bin/eddy "
                + "(which puts it there) or add the io.eddy:hdfs-state dependency; local paths need no scheme or file://",
                e.getMessage());
    }

    @Test
    void schemeOfPlainPathsAndUris() {
        assertNull(FileSystems.scheme("/data/in"));
        assertNull(FileSystems.scheme("relative/in"));
        assertNull(FileSystems.scheme("C:/data"));
        assertEquals("file", FileSystems.scheme("file:///data"));
        assertEquals("webhdfs", FileSystems.scheme("WebHDFS://nn/x"));
    }

    @Test
    void localListingSkipsHiddenAndMarkerFilesAndSortsByPath() throws IOException {
        Files.writeString(dir.resolve("b"), "12345");
        Files.writeString(dir.resolve("a"), "1");
        Files.writeString(dir.resolve("_SUCCESS"), "");
        Files.writeString(dir.resolve(".a.crc"), "xx");
        Files.createDirectory(dir.resolve("sub"));
        FileSystem fs = FileSystems.get("file://" + dir);
        assertEquals(List.of(new FileStatus(dir.resolve("a").toString(), 1, false),
                new FileStatus(dir.resolve("b").toString(), 5, false)), fs.listFiles("file://" + dir));
        assertEquals(List.of(new FileStatus(dir.resolve("b").toString(), 5, false)),
                fs.listFiles(dir.resolve("b").toString()));
        FileNotFoundException missing = assertThrows(FileNotFoundException.class,
                () -> FileSystems.listInput(dir.resolve("none").toString(), "readTextFile"));
        assertTrue(missing.getMessage().startsWith("Input of readTextFile is missing. Path does not exist: "
                + dir.resolve("none")), missing.getMessage());
    }

    @Test
    void localCreateHonoursWriteModeAndOpenSeeks() throws IOException {
        FileSystem fs = FileSystems.get(dir.toString());
        String file = dir.resolve("x/y/part-0").toString();
        try (OutputStream out = fs.create(file, false)) {
            out.write("abcdef".getBytes(StandardCharsets.UTF_8));
        }
        FileAlreadyExistsException exists = assertThrows(FileAlreadyExistsException.class,
                () -> fs.create(file, false));
        assertEquals(file + ": the file exists already: delete it or allow overwriting", exists.getMessage());
        try (OutputStream out = fs.create(file, true)) {
            out.write("0123456789".getBytes(StandardCharsets.UTF_8));
        }
        try (SeekableInputStream in = fs.open(file)) {
            in.seek(7);
            assertEquals(7, in.getPos());
            assertArrayEquals("789".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        assertTrue(fs.delete(dir.resolve("x").toString()));
        assertFalse(fs.exists(file));
        assertFalse(fs.delete(file));
    }
}
