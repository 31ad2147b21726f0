package io.eddy.yarn.highavailability;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.execution.JobId;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobmanager.JobGraphStore;
import io.eddy.runtime.rest.JobSubmission;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link JobGraphStore} in a directory of a Hadoop file system (on YARN, {@code
 * <high-availability.storageDir>/<applicationId>/}): one file per job, {@code <jobId>.job}, holding the job's
 * jar and graph as they were submitted ({@link JobSubmission}'s format). A file is written under a
 * temporary name and renamed, so a reader sees whole jobs only; a job whose file cannot be read is
 * logged and skipped rather than keeping the other jobs from recovering.
 */
public final class FileSystemJobGraphStore implements JobGraphStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileSystemJobGraphStore.class);
    private static final String SUFFIX = ".job";

    public static final ConfigOption<String> STORAGE_DIR = ConfigOptions.key("high-availability.storageDir")
            .stringType()
            .noDefaultValue()
            .withDescription("Where a YARN application keeps its jobs for the next attempt of its ApplicationMaster "
                    + "(a directory per application); unset, /eddy/ha on the cluster's default file system.");

    private final FileSystem fs;
    private final Path directory;

    public FileSystemJobGraphStore(FileSystem fs, Path directory) {
        this.fs = fs;
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void put(JobGraph job, UserCode userCode) throws IOException {
        if (userCode.jar() == null) {
            LOG.warn("Job {} has no jar (it came from this JVM): it is not kept and cannot be recovered", job.getJobId());
            return;
        }
        byte[] submission = JobSubmission.encode(Files.readAllBytes(userCode.jar()), job);
        Path file = file(job.getJobId());
        Path temporary = new Path(directory, "." + file.getName() + ".writing");
        fs.mkdirs(directory);
        try (FSDataOutputStream out = fs.create(temporary, true)) {
            out.write(submission);
        }
        if (!fs.rename(temporary, file)) {
            throw new IOException("Cannot rename " + temporary + " to " + file);
        }
    }

    @Override
    public void remove(JobId jobId) throws IOException {
        fs.delete(file(jobId), false);
    }

    @Override
    public List<StoredJob> recover(java.nio.file.Path jarDirectory) throws IOException {
        List<StoredJob> jobs = new ArrayList<>();
        if (!fs.exists(directory)) {
            return jobs;
        }
        for (FileStatus status : fs.listStatus(directory)) {
            String name = status.getPath().getName();
            if (!status.isFile() || !name.endsWith(SUFFIX) || name.startsWith(".")) {
                continue;
            }
            try {
                byte[] submission;
                try (InputStream in = fs.open(status.getPath())) {
                    submission = in.readAllBytes();
                }
                Files.createDirectories(jarDirectory);
                java.nio.file.Path jar = jarDirectory.resolve("recovered-" + name.replace(SUFFIX, ".jar"));
                Files.write(jar, JobSubmission.jar(submission));
                ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                        FileSystemJobGraphStore.class.getClassLoader());
                jobs.add(new StoredJob(JobSubmission.graph(submission, loader), new UserCode(loader, jar)));
            } catch (IOException | RuntimeException e) {
                LOG.error("Cannot recover the job stored in {}; it is skipped: {}", status.getPath(), e.toString());
            }
        }
        return jobs;
    }

    private Path file(JobId jobId) {
        return new Path(directory, jobId.toHexString() + SUFFIX);
    }
}
