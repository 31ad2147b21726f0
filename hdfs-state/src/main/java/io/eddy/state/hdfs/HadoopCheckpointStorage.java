package io.eddy.state.hdfs;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.IllegalConfigurationException;
import io.eddy.runtime.checkpoint.CheckpointLocation;
import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.api.execution.CheckpointingConfigOptions;
import io.eddy.runtime.checkpoint.StateHandle;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link CheckpointStorage} on the Hadoop FileSystem API: {@code hdfs://}, {@code file://} and any
 * other Hadoop file system on the class path behave the same.
 *
 * <pre>
 *   &lt;base&gt;/&lt;jobId&gt;/chk-&lt;n&gt;/&lt;hint&gt;-&lt;uuid&gt;          state files, absolute handles
 *   &lt;base&gt;/&lt;jobId&gt;/chk-&lt;n&gt;/_metadata                written last, atomically, never overwritten
 *   &lt;target&gt;/savepoint-&lt;jobId prefix&gt;-&lt;random&gt;/...    self-contained, handles relative to it
 * </pre>
 *
 * Pointers are fully qualified directory URIs (e.g. {@code hdfs://nn:8020/eddy/checkpoints/<jobId>/chk-7}).
 * State and metadata files are framed with their length and CRC32 (see {@link StateFileFormat}).
 * Thread-safe: it holds no mutable state; Hadoop's FileSystem instances are shared.
 */
public final class HadoopCheckpointStorage implements CheckpointStorage {
    private static final String CHECKPOINT_PREFIX = "chk-";
    private static final String SAVEPOINT_PREFIX = "savepoint-";
    private static final Pattern CHECKPOINT_DIRECTORY = Pattern.compile("chk-(\\d+)");
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Configuration hadoopConf;
    private final Path baseDirectory;
    private final Path defaultSavepointDirectory;

    /** Checkpoints under {@code baseDirectory}, without a default savepoint directory. */
    public HadoopCheckpointStorage(String baseDirectory, Configuration hadoopConf) throws IOException {
        this(baseDirectory, null, hadoopConf);
    }

    /**
     * @param baseDirectory           a URI or path; paths without a scheme use Hadoop's {@code fs.defaultFS}
     * @param defaultSavepointDirectory target of savepoints that name none, or {@code null}
     * @throws UnsupportedFileSystemException if no Hadoop file system serves a directory's scheme
     */
    public HadoopCheckpointStorage(String baseDirectory, String defaultSavepointDirectory, Configuration hadoopConf)
            throws IOException {
        this.hadoopConf = hadoopConf;
        this.baseDirectory = qualify(baseDirectory, hadoopConf);
        this.defaultSavepointDirectory =
                defaultSavepointDirectory == null ? null : qualify(defaultSavepointDirectory, hadoopConf);
    }

    /**
     * From {@link CheckpointingConfigOptions#DIRECTORY} (required) and
     * {@link CheckpointingConfigOptions#SAVEPOINT_DIRECTORY}, with Hadoop's settings from the class path
     * ({@code core-site.xml}, {@code hdfs-site.xml}).
     */
    public static HadoopCheckpointStorage fromConfiguration(io.eddy.api.config.Configuration config) {
        return fromConfiguration(config, ForklessLocalFileSystem.hadoopConfiguration());
    }

    public static HadoopCheckpointStorage fromConfiguration(io.eddy.api.config.Configuration config, Configuration hadoopConf) {
        String checkpoints = config.getOptional(CheckpointingConfigOptions.DIRECTORY)
                .filter(dir -> !dir.isBlank())
                .orElseThrow(() -> new IllegalConfigurationException("Checkpoints need a directory: set '"
                        + CheckpointingConfigOptions.DIRECTORY.key()
                        + "', e.g. to hdfs://namenode:8020/eddy/checkpoints or file:///var/eddy/checkpoints."));
        String savepoints = config.getOptional(CheckpointingConfigOptions.SAVEPOINT_DIRECTORY)
                .filter(dir -> !dir.isBlank())
                .orElse(null);
        checkDirectoryOption(CheckpointingConfigOptions.DIRECTORY, checkpoints, hadoopConf);
        if (savepoints != null) {
            checkDirectoryOption(CheckpointingConfigOptions.SAVEPOINT_DIRECTORY, savepoints, hadoopConf);
        }
        try {
            return new HadoopCheckpointStorage(checkpoints, savepoints, hadoopConf);
        } catch (IOException e) {
            throw new IllegalConfigurationException("Cannot use the checkpoint directories: " + e.getMessage(), e);
        }
    }

    private static void checkDirectoryOption(ConfigOption<String> option, String value, Configuration hadoopConf) {
        try {
            qualify(value, hadoopConf);
        } catch (UnsupportedFileSystemException e) {
            throw new IllegalConfigurationException("Invalid value '" + value + "' for option '" + option.key()
                    + "': no Hadoop file system for its scheme (" + e.getMessage()
                    + "); use hdfs://, file:// or a scheme whose Hadoop module is on the class path.", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalConfigurationException("Invalid value '" + value + "' for option '" + option.key()
                    + "': " + e.getMessage(), e);
        }
    }

    /** The qualified base directory, e.g. {@code hdfs://nn:8020/eddy/checkpoints}. */
    public String baseDirectory() {
        return baseDirectory.toString();
    }

    @Override
    public CheckpointLocation initializeCheckpoint(String jobId, long checkpointId) throws IOException {
        if (checkpointId < 0) {
            throw new IllegalArgumentException("checkpoint ids are not negative: " + checkpointId);
        }
        Path directory = new Path(jobDirectory(jobId), CHECKPOINT_PREFIX + checkpointId);
        FileSystem fs = directory.getFileSystem(hadoopConf);
        if (fs.exists(new Path(directory, HadoopCheckpointLocation.METADATA_FILE))) {
            throw new FileAlreadyExistsException("checkpoint " + checkpointId + " of job " + jobId
                    + " is already complete: " + directory);
        }
        mkdirs(fs, directory);
        return new HadoopCheckpointLocation(fs, directory, false);
    }

    @Override
    public CheckpointLocation initializeSavepoint(String targetDirectory, String jobId) throws IOException {
        checkJobId(jobId);
        Path parent;
        if (targetDirectory != null) {
            parent = qualify(targetDirectory, hadoopConf);
        } else if (defaultSavepointDirectory != null) {
            parent = defaultSavepointDirectory;
        } else {
            throw new IllegalConfigurationException("No target directory for the savepoint of job " + jobId
                    + ": name one or set '" + CheckpointingConfigOptions.SAVEPOINT_DIRECTORY.key() + "'.");
        }
        FileSystem fs = parent.getFileSystem(hadoopConf);
        String prefix = jobId.substring(0, Math.min(6, jobId.length()));
        Path directory;
        do {
            directory = new Path(parent, SAVEPOINT_PREFIX + prefix + "-" + randomHex());
        } while (fs.exists(directory));
        mkdirs(fs, directory);
        return new HadoopCheckpointLocation(fs, directory, true);
    }

    @Override
    public CheckpointLocation resolveLocation(String pointer) throws IOException {
        Path directory = qualify(pointer, hadoopConf);
        FileSystem fs = directory.getFileSystem(hadoopConf);
        FileStatus status;
        try {
            status = fs.getFileStatus(directory);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("checkpoint location " + directory + " does not exist");
        }
        if (!status.isDirectory()) {
            throw new IOException("checkpoint location " + directory + " is not a directory");
        }
        return new HadoopCheckpointLocation(fs, directory, isSavepoint(directory));
    }

    @Override
    public InputStream openState(StateHandle handle) throws IOException {
        Path file = new Path(handle.path());
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException("state handle '" + handle.path() + "' is relative to its savepoint"
                    + " directory: open it with openState(handle, savepointPointer)");
        }
        return StateFileFormat.open(file.getFileSystem(hadoopConf), file, handle.size());
    }

    @Override
    public InputStream openState(StateHandle handle, String checkpointPointer) throws IOException {
        Path file = new Path(handle.path());
        if (!file.isAbsolute()) {
            file = new Path(checkpointDirectory(checkpointPointer), file);
        }
        return StateFileFormat.open(file.getFileSystem(hadoopConf), file, handle.size());
    }

    @Override
    public byte[] readMetadata(String checkpointPointer) throws IOException {
        Path directory = checkpointDirectory(checkpointPointer);
        Path metadata = new Path(directory, HadoopCheckpointLocation.METADATA_FILE);
        FileSystem fs = directory.getFileSystem(hadoopConf);
        if (!fs.exists(metadata)) {
            throw new FileNotFoundException(checkpointPointer + " is not a completed checkpoint or savepoint: no "
                    + HadoopCheckpointLocation.METADATA_FILE + " in " + directory);
        }
        try (InputStream in = StateFileFormat.open(fs, metadata, -1)) {
            return in.readAllBytes();
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(metadata.toString())) {
                throw e;
            }
            throw new IOException("cannot read the metadata " + metadata + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> listCompleted(String jobId) throws IOException {
        return list(jobId, true);
    }

    @Override
    public List<String> listIncomplete(String jobId) throws IOException {
        return list(jobId, false);
    }

    @Override
    public void discard(String checkpointPointer) throws IOException {
        Path directory = checkpointDirectory(checkpointPointer);
        // a wrong pointer must not wipe a job's or the cluster's directories
        if (!CHECKPOINT_DIRECTORY.matcher(directory.getName()).matches() && !isSavepoint(directory)) {
            throw new IllegalArgumentException("refusing to delete " + directory
                    + ": not a checkpoint (chk-<n>) or savepoint (savepoint-...) directory");
        }
        FileSystem fs = directory.getFileSystem(hadoopConf);
        if (!fs.delete(directory, true) && fs.exists(directory)) {
            throw new IOException("could not delete " + directory);
        }
    }

    private List<String> list(String jobId, boolean completed) throws IOException {
        Path jobDirectory = jobDirectory(jobId);
        FileSystem fs = jobDirectory.getFileSystem(hadoopConf);
        FileStatus[] entries;
        try {
            entries = fs.listStatus(jobDirectory);
        } catch (FileNotFoundException e) {
            return List.of();
        }
        record Found(long id, String pointer) {}
        List<Found> found = new ArrayList<>();
        for (FileStatus entry : entries) {
            Matcher m = CHECKPOINT_DIRECTORY.matcher(entry.getPath().getName());
            if (entry.isDirectory() && m.matches()
                    && fs.exists(new Path(entry.getPath(), HadoopCheckpointLocation.METADATA_FILE)) == completed) {
                found.add(new Found(Long.parseLong(m.group(1)), entry.getPath().toString()));
            }
        }
        found.sort(Comparator.comparingLong(Found::id).reversed());
        return found.stream().map(Found::pointer).toList();
    }

    private Path jobDirectory(String jobId) {
        checkJobId(jobId);
        return new Path(baseDirectory, jobId);
    }

    /** The directory a pointer names: itself, or the parent of a metadata file. */
    private Path checkpointDirectory(String pointer) throws IOException {
        Path path = qualify(pointer, hadoopConf);
        return path.getName().equals(HadoopCheckpointLocation.METADATA_FILE) ? path.getParent() : path;
    }

    private static boolean isSavepoint(Path directory) {
        return directory.getName().startsWith(SAVEPOINT_PREFIX);
    }

    private static void checkJobId(String jobId) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("'" + jobId + "' cannot be a job id here: letters, digits, '.', '_' and '-' only");
        }
    }

    private static Path qualify(String directory, Configuration hadoopConf) throws IOException {
        Path path = new Path(directory);
        return path.getFileSystem(hadoopConf).makeQualified(path);
    }

    private static void mkdirs(FileSystem fs, Path directory) throws IOException {
        if (!fs.mkdirs(directory)) {
            throw new IOException("could not create " + directory);
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "HadoopCheckpointStorage(" + baseDirectory + ")";
    }
}
