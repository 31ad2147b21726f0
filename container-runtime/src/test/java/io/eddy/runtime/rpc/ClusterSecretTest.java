package io.eddy.runtime.rpc;

import io.eddy.api.config.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterSecretTest {
    @TempDir
    Path dir;

    private static byte[] mac(ClusterSecret secret) {
        return secret.hmac("nonce".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void createsAnOwnerOnlyFileWithA32ByteSecretAndReadsItBack() throws IOException {
        Path file = dir.resolve("conf/cluster-secret");
        ClusterSecret created = ClusterSecret.loadOrCreate(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file).trim()).length);
        assertArrayEquals(mac(created), mac(ClusterSecret.loadOrCreate(file)));
        // the file's text works as security.cluster-secret too
        assertArrayEquals(mac(created), mac(ClusterSecret.of(Files.readString(file))));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void refusesAFileOthersCanRead() throws IOException {
        Path file = dir.resolve("cluster-secret");
        Files.writeString(file, "secret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        IOException e = assertThrows(IOException.class, () -> ClusterSecret.loadOrCreate(file));
        assertTrue(e.getMessage().contains("accessible by group or others (rw-r--r--)"), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void configuredSecretTakesPrecedenceOverTheFile() throws IOException {
        Path file = dir.resolve("cluster-secret");
        Configuration config = new Configuration()
                .set(RpcOptions.CLUSTER_SECRET, "inline")
                .set(RpcOptions.CLUSTER_SECRET_FILE, file.toString());

        assertArrayEquals(mac(ClusterSecret.of("inline")), mac(ClusterSecret.fromConfiguration(config)));
        assertFalse(Files.exists(file));
    }

    @Test
    void missingSecretConfigurationIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterSecret.fromConfiguration(new Configuration()));
        assertTrue(e.getMessage().contains("security.cluster-secret"), e.getMessage());
    }

    @Test
    void differentSecretsGiveDifferentProofs() {
        assertFalse(Arrays.equals(mac(ClusterSecret.of("a")), mac(ClusterSecret.of("b"))));
        assertThrows(IllegalArgumentException.class, () -> ClusterSecret.of("  "));
    }
}
