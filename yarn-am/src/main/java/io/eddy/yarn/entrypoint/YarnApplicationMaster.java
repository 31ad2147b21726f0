package io.eddy.yarn.entrypoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.config.Configuration;
import io.eddy.api.execution.CheckpointingConfigOptions;
import io.eddy.api.execution.JobId;
import io.eddy.runtime.cluster.ClusterEntrypoint;
import io.eddy.runtime.cluster.ClusterOptions;
import io.eddy.runtime.cluster.JobManagerProcess;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.runtime.resourcemanager.ResourceManagerDriver.ApplicationStatus;
import io.eddy.runtime.rest.JarRunner;
import io.eddy.runtime.rest.JarRunner.RunningProgram;
import io.eddy.runtime.rest.RestOptions;
import io.eddy.yarn.container.ContainerEnvironment;
import io.eddy.yarn.container.DynamicProperties;
import io.eddy.yarn.highavailability.ClusterSecretFile;
import io.eddy.yarn.highavailability.FileSystemJobGraphStore;
import io.eddy.yarn.highavailability.JobManagerAddressFile;
import io.eddy.yarn.resourcemanager.WorkerLaunchSpec;
import io.eddy.yarn.resourcemanager.YarnResourceManagerDriver;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The main class of the ApplicationMaster container: a JobManager (dispatcher, REST, RPC) whose
 * TaskManagers are YARN containers started by a {@link YarnResourceManagerDriver}. Its tracking URL
 * is the REST address. It runs until a client asks it to stop (a session), its one job ends
 * ({@link #PER_JOB}), the program it runs (application mode, {@link #PROGRAM_JAR}) returned and every
 * job that program submitted ended, or the driver fails; then it deletes the application's staging
 * directory and unregisters with the final status (the worst of the jobs': FAILED, KILLED, SUCCEEDED)
 * and diagnostics (each job's outcome).
 *
 * <p>Attempts: YARN starts the ApplicationMaster again when its container dies, up to
 * {@code yarn.application-attempts} times. Every job is kept in a {@link FileSystemJobGraphStore} under
 * {@code high-availability.storageDir} from its submission until it ends; a new attempt recovers the
 * jobs it finds there, each from its latest completed checkpoint. The previous attempt's TaskManager
 * containers are kept (the client asks YARN to): the driver takes them over, and their TaskManagers,
 * having cancelled their tasks when they lost the old JobManager, register with the new one, which
 * they find through the {@link JobManagerAddressFile} in the same directory (the cluster secret stays
 * the same across attempts: {@link ClusterSecretFile}); those that do not register in time are released
 * and replaced. A later attempt of a
 * per-job or application-mode application that finds no job to recover ends the application FAILED:
 * its job ended, or never arrived, and running the program again could repeat it.
 *
 * <p>Files (localized by the client): {@code lib/} (the distribution's jars), {@code conf/} (the
 * Eddy configuration with the client's {@code -D} options), {@code hadoop-conf/}; TaskManagers get
 * the same files, listed again from the cluster's file system.
 */
public final class YarnApplicationMaster {
    private static final Logger LOG = LoggerFactory.getLogger(YarnApplicationMaster.class);

    public static final ConfigOption<Boolean> PER_JOB = ConfigOptions.key("yarn.per-job")
            .booleanType()
            .defaultValue(false)
            .withDescription("The application runs one job and ends when it ends, with the job's final status "
                    + "(set by the yarn-per-job target).");

    public static final ConfigOption<java.time.Duration> PER_JOB_SHUTDOWN_DELAY = ConfigOptions.key("yarn.per-job.shutdown-delay")
            .durationType()
            .defaultValue(java.time.Duration.ofSeconds(5))
            .withDescription("How long a per-job application keeps its REST API after the job ended, so an "
                    + "attached client reads the job's final status before the application goes.");

    public static final ConfigOption<String> PROGRAM_JAR = ConfigOptions.key("yarn.application-mode.jar")
            .stringType()
            .noDefaultValue()
            .withDescription("Application mode (set by the yarn-application target): the program's jar, relative to "
                    + "the ApplicationMaster's working directory; its main method runs in the ApplicationMaster.");

    public static final ConfigOption<String> PROGRAM_MAIN_CLASS = ConfigOptions.key("yarn.application-mode.main-class")
            .stringType()
            .noDefaultValue()
            .withDescription("Application mode: the program's main class; unset, the Main-Class of its jar's manifest.");

    public static final ConfigOption<String> PROGRAM_ARGS = ConfigOptions.key("yarn.application-mode.program-args")
            .stringType()
            .defaultValue("[]")
            .withDescription("Application mode: the program's arguments, a JSON array of strings.");

    /** In the application's high-availability directory, next to the kept jobs. */
    private static final String CLUSTER_SECRET_FILE = "cluster-secret";
    private static final String JOBMANAGER_ADDRESS_FILE = "jobmanager-address";

    private YarnApplicationMaster() {}

    public static void main(String[] args) throws Exception {
        Configuration config;
        JobManagerProcess jobManager;
        ApplicationAttemptId attempt;
        try {
            config = DynamicProperties.apply(ClusterEntrypoint.loadConfiguration(), args);
            YarnConfiguration yarnConfig = new YarnConfiguration();
            FileSystem fs = FileSystem.get(yarnConfig);
            applyYarnDefaults(config);
            attempt = ContainerId.fromString(System.getenv(Environment.CONTAINER_ID.name()))
                    .getApplicationAttemptId();
            Path haDirectory = new Path(haStorageDirectory(config, fs), attempt.getApplicationId().toString());
            // the same in every attempt, so that TaskManagers of kept containers can register with the next one
            String secret = ClusterSecretFile.readOrCreate(fs, new Path(haDirectory, CLUSTER_SECRET_FILE));
            config.set(io.eddy.runtime.rpc.RpcOptions.CLUSTER_SECRET, secret);
            JobManagerAddressFile addressFile = new JobManagerAddressFile(fs,
                    fs.makeQualified(new Path(haDirectory, JOBMANAGER_ADDRESS_FILE)));
            YarnResourceManagerDriver driver = new YarnResourceManagerDriver(config, yarnConfig,
                    taskManagerLaunch(fs, addressFile), secret);
            FileSystemJobGraphStore jobGraphStore = new FileSystemJobGraphStore(fs, haDirectory);
            LOG.info("ApplicationMaster attempt {}; jobs kept for the next attempt in {}", attempt.getAttemptId(),
                    jobGraphStore.directory());
            // YARN reports the application finished once it is deregistered: by then its files are gone
            jobManager = new JobManagerProcess(config, driver, jobGraphStore, () -> {
                delete(fs, new Path(System.getenv(ContainerEnvironment.STAGING_DIR)), "staging directory");
                delete(fs, jobGraphStore.directory(), "job graph store");
            });
            jobManager.start();
            addressFile.write(config.get(ClusterOptions.JOBMANAGER_ADDRESS), jobManager.rpcPort());
        } catch (Throwable t) {
            LOG.error("The ApplicationMaster failed to start", t);
            System.err.println("eddy: ApplicationMaster failed to start: " + ClusterEntrypoint.describe(t));
            System.exit(1);
            return;
        }
        LOG.info("ApplicationMaster ready: REST at http://{}:{}", config.get(ClusterOptions.JOBMANAGER_ADDRESS),
                config.get(RestOptions.PORT));
        List<JobId> recovered = jobManager.jobManager().getJobs().stream().map(job -> job.getJobGraph().getJobId()).toList();
        if (config.get(PER_JOB) && attempt.getAttemptId() > 1 && recovered.isEmpty()) {
            // its jobs ended, or never reached the previous attempt: running the program again could repeat them
            jobManager.shutDownCluster(ApplicationStatus.FAILED, "ApplicationMaster attempt " + attempt.getAttemptId()
                    + " found no job to recover: the application's jobs ended or were not submitted before attempt "
                    + (attempt.getAttemptId() - 1) + " died");
        } else if (config.get(PER_JOB) && !recovered.isEmpty()) {
            endWithJobs(config, jobManager, recovered, null);
        } else if (config.getOptional(PROGRAM_JAR).isPresent()) {
            runProgram(config, jobManager); // application mode
        } else if (config.get(PER_JOB)) {
            // the client submits the one job right after the application runs
            while (jobManager.jobManager().getJobs().isEmpty() && !jobManager.terminationFuture().isDone()) {
                Thread.sleep(100);
            }
            if (!jobManager.jobManager().getJobs().isEmpty()) {
                JobMaster job = jobManager.jobManager().getJobs().iterator().next();
                endWithJobs(config, jobManager, List.of(job.getJobGraph().getJobId()), null);
            }
        }
        ApplicationStatus status = jobManager.terminationFuture().join();
        LOG.info("The application ended: {}", status);
        jobManager.close();
        System.exit(0);
    }

    /**
     * Application mode: runs the application's program here until its main method returns, then ends the
     * application once all the jobs it submitted ended, with their final status; a program that fails or
     * returns before it submitted a job ends the application FAILED, and so does one that fails after
     * its jobs all finished.
     */
    private static void runProgram(Configuration config, JobManagerProcess jobManager) throws InterruptedException {
        String jar = config.get(PROGRAM_JAR);
        RunningProgram program;
        try {
            List<String> args = List.of(new ObjectMapper().readValue(config.get(PROGRAM_ARGS), String[].class));
            // where TaskManagers fetch the jobs' jars from
            java.nio.file.Path shipped = java.nio.file.Path.of(jar);
            java.nio.file.Path copy = java.nio.file.Files.copy(shipped,
                    jobManager.jarDirectory().resolve(shipped.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            program = new JarRunner(jobManager.jobManager()).start(copy,
                    config.getOptional(PROGRAM_MAIN_CLASS).orElse(null), programConfiguration(config), args);
        } catch (Exception e) {
            LOG.error("The program of {} cannot start", jar, e);
            jobManager.shutDownCluster(ApplicationStatus.FAILED, "The program of " + jar + " failed before it "
                    + "submitted a job: " + ClusterEntrypoint.describe(e));
            return;
        }
        Throwable thrown = program.end().handle((returned, failure) -> failure).join();
        List<JobId> jobs = program.jobs();
        LOG.info("The program of {} {} after submitting {} job(s): {}", jar, thrown == null ? "returned" : "failed",
                jobs.size(), jobs);
        if (jobs.isEmpty()) {
            jobManager.shutDownCluster(ApplicationStatus.FAILED, thrown == null
                    ? "The program of " + jar + " returned without running a job: call execute() after defining the pipeline"
                    : "The program of " + jar + " failed before it submitted a job: " + ClusterEntrypoint.describe(thrown));
            return;
        }
        String programFailure = thrown == null ? null
                : "The program of " + jar + " failed after its jobs finished: " + ClusterEntrypoint.describe(thrown);
        endWithJobs(config, jobManager, jobs, programFailure);
    }

    /**
     * Waits until {@code jobs} have all ended, keeps the REST API for the shutdown delay (an attached
     * client reads the final status), then ends the application with the jobs' final status; with
     * {@code programFailure} (the program failed for a reason of its own) FAILED if they all finished.
     */
    private static void endWithJobs(Configuration config, JobManagerProcess jobManager, List<JobId> jobs,
            String programFailure) throws InterruptedException {
        boolean allFinished = true;
        for (JobId id : jobs) {
            CompletableFuture<?> result = jobManager.jobManager().getJob(id).getResultFuture();
            result.handle((r, e) -> null).join();
            allFinished &= !result.isCompletedExceptionally();
        }
        Thread.sleep(config.get(PER_JOB_SHUTDOWN_DELAY).toMillis());
        if (programFailure != null && allFinished) {
            jobManager.shutDownCluster(ApplicationStatus.FAILED, programFailure);
        } else {
            jobManager.shutDownAfterJobs(jobs);
        }
    }

    /**
     * What the program's environments start from: the application's options (its -D flags included),
     * with checkpoints and savepoints on the cluster's default file system unless they name a directory.
     */
    private static Configuration programConfiguration(Configuration config) {
        Configuration program = new Configuration(config);
        String cluster = FileSystem.getDefaultUri(new YarnConfiguration()).toString();
        if (program.getOptional(CheckpointingConfigOptions.DIRECTORY).isEmpty()) {
            program.set(CheckpointingConfigOptions.DIRECTORY, cluster + "/eddy/checkpoints");
        }
        if (program.getOptional(CheckpointingConfigOptions.SAVEPOINT_DIRECTORY).isEmpty()) {
            program.set(CheckpointingConfigOptions.SAVEPOINT_DIRECTORY, cluster + "/eddy/savepoints");
        }
        return program;
    }

    /**
     * In YARN the JobManager's ports are always picked by the system (several may share a node), and
     * it is reached at its node's host name.
     */
    private static void applyYarnDefaults(Configuration config) {
        config.set(ClusterOptions.JOBMANAGER_ADDRESS, System.getenv(Environment.NM_HOST.name()));
        config.set(ClusterOptions.JOBMANAGER_PORT, 0);
        config.set(RestOptions.PORT, 0);
        config.set(RestOptions.BIND_ADDRESS, "0.0.0.0");
    }

    /**
     * What TaskManagers localize (the jars of every lib directory, the staged conf/ and hadoop-conf/), and
     * where they find the JobManager of a later attempt.
     */
    private static WorkerLaunchSpec taskManagerLaunch(FileSystem fs, JobManagerAddressFile addressFile)
            throws IOException {
        Map<String, LocalResource> files = new HashMap<>();
        for (String dir : System.getenv(ContainerEnvironment.LIB_DIRS).split(",")) {
            addFiles(fs, new Path(dir), ContainerEnvironment.LIB_LINK, files);
        }
        Path staging = new Path(System.getenv(ContainerEnvironment.STAGING_DIR));
        addFiles(fs, new Path(staging, ContainerEnvironment.CONF_LINK), ContainerEnvironment.CONF_LINK, files);
        addFiles(fs, new Path(staging, ContainerEnvironment.HADOOP_CONF_LINK), ContainerEnvironment.HADOOP_CONF_LINK, files);
        return new WorkerLaunchSpec(files, classPath(), ContainerEnvironment.CONF_LINK,
                Map.of(ContainerEnvironment.JOBMANAGER_ADDRESS_FILE, addressFile.path().toString()));
    }

    /** The class path of every Eddy container, relative to its working directory. */
    public static List<String> classPath() {
        String pwd = Environment.PWD.$$();
        return List.of(pwd + "/" + ContainerEnvironment.LIB_LINK + "/*", pwd + "/" + ContainerEnvironment.CONF_LINK,
                pwd + "/" + ContainerEnvironment.HADOOP_CONF_LINK);
    }

    /** Adds every file of {@code dir} as {@code link/<name>}. */
    public static void addFiles(FileSystem fs, Path dir, String link, Map<String, LocalResource> into) throws IOException {
        for (FileStatus file : fs.listStatus(dir)) {
            if (file.isFile()) {
                into.put(link + "/" + file.getPath().getName(), localResource(fs, file));
            }
        }
    }

    public static LocalResource localResource(FileSystem fs, FileStatus file) {
        return LocalResource.newInstance(URL.fromPath(fs.makeQualified(file.getPath())), LocalResourceType.FILE,
                LocalResourceVisibility.APPLICATION, file.getLen(), file.getModificationTime());
    }

    private static Path haStorageDirectory(Configuration config, FileSystem fs) {
        return config.getOptional(FileSystemJobGraphStore.STORAGE_DIR).map(Path::new)
                .orElseGet(() -> fs.makeQualified(new Path("/eddy/ha")));
    }

    private static void delete(FileSystem fs, Path directory, String what) {
        try {
            fs.delete(directory, true);
        } catch (IOException e) {
            LOG.warn("Could not delete the {} {}: {}", what, directory, e.getMessage());
        }
    }
}
