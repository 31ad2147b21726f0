package io.eddy.yarn.highavailability;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret every process of one YARN application proves on its RPC connections, kept in a file of
 * the application's high-availability directory that only its owner may read: the first attempt of
 * the ApplicationMaster creates it, later attempts read it, so TaskManagers in containers kept from an
 * earlier attempt (which got the secret in their environment) can register with the new one.
 */
public final class ClusterSecretFile {
    private static final FsPermission OWNER_ONLY = new FsPermission((short) 0600);

    private ClusterSecretFile() {}

    public static String readOrCreate(FileSystem fs, Path file) throws IOException {
        if (!fs.exists(file)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            fs.mkdirs(file.getParent());
            try (FSDataOutputStream out = FileSystem.create(fs, file, OWNER_ONLY)) {
                out.write(HexFormat.of().formatHex(secret).getBytes(StandardCharsets.UTF_8));
            } catch (FileAlreadyExistsException e) {
                // another attempt wrote it first: read theirs
            }
        }
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
