package io.eddy.runtime.rpc;

import io.eddy.api.config.Configuration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The secret shared by all processes of one cluster, proven on every RPC connection. It is text so
 * that a generated secret file can be copied into {@code security.cluster-secret} unchanged.
 */
public final class ClusterSecret {
    private static final int GENERATED_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final byte[] key;

    private ClusterSecret(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the cluster secret is empty");
        }
        this.key = trimmed.getBytes(StandardCharsets.UTF_8);
    }

    public static ClusterSecret of(String text) {
        return new ClusterSecret(text);
    }

    /** From {@code security.cluster-secret}, else {@code security.cluster-secret.file}. */
    public static ClusterSecret fromConfiguration(Configuration config) throws IOException {
        if (config.contains(RpcOptions.CLUSTER_SECRET)) {
            return of(config.get(RpcOptions.CLUSTER_SECRET));
        }
        if (config.contains(RpcOptions.CLUSTER_SECRET_FILE)) {
            return loadOrCreate(Path.of(config.get(RpcOptions.CLUSTER_SECRET_FILE)));
        }
        throw new IllegalArgumentException("no cluster secret configured: set " + RpcOptions.CLUSTER_SECRET.key()
                + " or " + RpcOptions.CLUSTER_SECRET_FILE.key());
    }

    /**
     * Reads the secret from {@code file}, or creates the file with {@value #GENERATED_BYTES} random
     * bytes (Base64) readable only by its owner. An existing file that group or others may access is
     * refused: the secret would no longer be one.
     */
    public static ClusterSecret loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                create(file);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first; use theirs
            }
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IOException("cluster secret file " + file + " is accessible by group or others ("
                        + PosixFilePermissions.toString(permissions) + "); restrict it with: chmod 600 " + file);
            }
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new IOException("cluster secret file " + file + " is empty");
        }
        return of(text);
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(random);
        String text = Base64.getEncoder().encodeToString(random) + "\n";
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        // write a private temporary file completely, then link it into place: a concurrent reader
        // never sees a partial secret, and an existing file is never replaced
        Path temp = posix
                ? Files.createTempFile(dir, ".cluster-secret", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".cluster-secret", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.createLink(file, temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** HMAC-SHA256 of the concatenated {@code parts} under this secret. */
    byte[] hmac(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterSecret(hidden)";
    }
}
