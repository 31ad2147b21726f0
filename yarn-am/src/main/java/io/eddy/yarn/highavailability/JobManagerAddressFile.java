package io.eddy.yarn.highavailability;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Where the JobManager of an application's running attempt listens for TaskManagers, as one line
 * {@code host:port} in a file of the application's high-availability directory. Each attempt of the
 * ApplicationMaster writes it once its RPC server listens (under a temporary name, then renamed, so a
 * reader never sees half a line); TaskManagers in containers kept from an earlier attempt read it
 * before they register again, since the new attempt listens on another port, often on another node.
 */
public final class JobManagerAddressFile {
    private final FileSystem fs;
    private final Path file;

    public JobManagerAddressFile(FileSystem fs, Path file) {
        this.fs = fs;
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public void write(String host, int port) throws IOException {
        Path temporary = new Path(file.getParent(), "." + file.getName() + ".writing");
        try (FSDataOutputStream out = fs.create(temporary, true)) {
            out.write((host + ":" + port).getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(file, false);
        if (!fs.rename(temporary, file)) {
            throw new IOException("Cannot rename " + temporary + " to " + file);
        }
    }

    /** The address last written, or null if none was (or it is being replaced right now). */
    public InetSocketAddress read() throws IOException {
        String line;
        try (InputStream in = fs.open(file)) {
            line = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (FileNotFoundException e) {
            return null;
        }
        int colon = line.lastIndexOf(':');
        if (colon <= 0) {
            throw new IOException("Not a host:port in " + file + ": '" + line + "'");
        }
        return InetSocketAddress.createUnresolved(line.substring(0, colon), Integer.parseInt(line.substring(colon + 1)));
    }
}
