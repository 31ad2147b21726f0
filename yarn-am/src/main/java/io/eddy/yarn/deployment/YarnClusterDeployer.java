package io.eddy.yarn.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.runtime.config.GlobalConfiguration;
import io.eddy.runtime.rest.RestClient;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import io.eddy.yarn.container.ContainerEnvironment;
import io.eddy.yarn.entrypoint.YarnApplicationMaster;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.protocolrecords.GetNewApplicationResponse;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Starts, finds and stops Eddy applications on YARN from the client side. A start checks first what
 * YARN would refuse later (unreachable ResourceManager, unknown queue, containers above the cluster's
 * largest) and says so in one line; then uploads the distribution's {@code lib/} (unless
 * {@code yarn.provided.lib.dirs} names it on the cluster), the configuration with the client's options,
 * and the Hadoop configuration to {@code .eddy/<applicationId>/} in the user's home on the default file
 * system, submits the ApplicationMaster, and follows it (ACCEPTED, RUNNING) until its REST API answers.
 * The ApplicationMaster deletes the staging directory when the application ends; a failed start
 * deletes it here and kills the application, so nothing is left behind.
 *
 * <p>Not thread-safe: one deployer per command.
 */
public final class YarnClusterDeployer implements AutoCloseable {
    private static final long METASPACE_BYTES = 256L << 20;
    private static final long MIN_JVM_OVERHEAD_BYTES = 192L << 20;
    /** Where the ApplicationMaster finds an application-mode program's jar. */
    private static final String USER_LIB = "usrlib";

    private final Configuration config;
    private final ClientEnvironment hadoop;
    private final YarnClient yarn;
    private final PrintStream progress;

    /** A running Eddy application: its id and the host:port of its REST API. */
    public record YarnApplication(ApplicationId id, String restHost, int restPort) {
        public String restAddress() {
            return "http://" + restHost + ":" + restPort;
        }
    }

    /**
     * Connects to YARN's ResourceManager, giving up after {@link YarnDeploymentOptions#RESOURCE_MANAGER_CONNECT_TIMEOUT}.
     *
     * @param progress where the start's progress lines go (stderr of a command)
     */
    public YarnClusterDeployer(Configuration config, ClientEnvironment hadoop, PrintStream progress)
            throws YarnDeploymentException {
        this.config = config;
        this.hadoop = hadoop;
        this.progress = progress;
        YarnConfiguration conf = new YarnConfiguration(hadoop.configuration());
        long timeout = config.get(YarnDeploymentOptions.RESOURCE_MANAGER_CONNECT_TIMEOUT).toMillis();
        // Hadoop's defaults retry a missing ResourceManager for 15 minutes
        conf.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS, timeout);
        conf.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_RETRY_INTERVAL_MS, Math.min(1000, timeout));
        conf.setInt("ipc.client.connect.max.retries", 0);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
        this.yarn = YarnClient.createYarnClient();
        yarn.init(conf);
        yarn.start();
        try {
            yarn.getYarnClusterMetrics();
        } catch (Exception e) {
            yarn.stop();
            throw new YarnDeploymentException("YARN's ResourceManager at " + conf.get(YarnConfiguration.RM_ADDRESS,
                    YarnConfiguration.DEFAULT_RM_ADDRESS) + " is not reachable (" + firstLine(e) + "): start it, or point "
                    + "HADOOP_CONF_DIR at the cluster's configuration (now " + hadoop.directory() + ")", e);
        }
    }

    /**
     * Starts an application whose ApplicationMaster hosts a JobManager with {@code taskManagers}
     * TaskManager containers, and returns once its REST API answers.
     */
    public YarnApplication deploy(int taskManagers, boolean perJob) throws YarnDeploymentException {
        Configuration amConfig = new Configuration(config);
        amConfig.set(YarnApplicationMaster.PER_JOB, perJob);
        return deploy(taskManagers, amConfig, null);
    }

    /**
     * Application mode: starts an application whose ApplicationMaster runs {@code mainClass} (null: the
     * jar's Main-Class) of {@code jar} with {@code args} and ends with the job the program submits; returns
     * once its REST API answers.
     */
    public YarnApplication deployApplication(java.nio.file.Path jar, String mainClass, List<String> args)
            throws YarnDeploymentException {
        if (!Files.isRegularFile(jar)) {
            throw new YarnDeploymentException("The program's jar " + jar + " does not exist");
        }
        Configuration amConfig = new Configuration(config);
        amConfig.set(YarnApplicationMaster.PER_JOB, true);
        amConfig.set(YarnApplicationMaster.PROGRAM_JAR, USER_LIB + "/" + jar.getFileName());
        if (mainClass != null) {
            amConfig.set(YarnApplicationMaster.PROGRAM_MAIN_CLASS, mainClass);
        }
        try {
            amConfig.set(YarnApplicationMaster.PROGRAM_ARGS, new ObjectMapper().writeValueAsString(args));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return deploy(0, amConfig, jar);
    }

    /** @param userJar shipped to the ApplicationMaster as {@code usrlib/<name>} (application mode), or null */
    private YarnApplication deploy(int taskManagers, Configuration amConfig, java.nio.file.Path userJar)
            throws YarnDeploymentException {
        String queue = config.get(YarnDeploymentOptions.QUEUE);
        Resource jobManagerResource = resource(config.get(YarnDeploymentOptions.JOBMANAGER_PROCESS_MEMORY), 1);
        Resource taskManagerResource = resource(config.get(TaskManagerOptions.PROCESS_MEMORY),
                config.get(TaskManagerOptions.NUM_TASK_SLOTS));
        YarnClientApplication application;
        try {
            if (!queueExists(queue)) {
                throw new YarnDeploymentException("YARN has no queue '" + queue + "': pick one of "
                        + queueNames() + " with -qu or " + YarnDeploymentOptions.QUEUE.key());
            }
            application = yarn.createApplication();
        } catch (IOException | org.apache.hadoop.yarn.exceptions.YarnException e) {
            throw new YarnDeploymentException("YARN refused a new application: " + firstLine(e), e);
        }
        GetNewApplicationResponse limits = application.getNewApplicationResponse();
        checkFits("JobManager", jobManagerResource, limits.getMaximumResourceCapability(), "-jm",
                YarnDeploymentOptions.JOBMANAGER_PROCESS_MEMORY.key());
        checkFits("TaskManager", taskManagerResource, limits.getMaximumResourceCapability(), "-tm",
                TaskManagerOptions.PROCESS_MEMORY.key());
        ApplicationId id = limits.getApplicationId();
        Path staging = null;
        try {
            FileSystem fs = FileSystem.get(hadoop.configuration());
            staging = new Path(fs.getHomeDirectory(), ".eddy/" + id);
            ApplicationSubmissionContext context = application.getApplicationSubmissionContext();
            context.setApplicationName(config.get(YarnDeploymentOptions.APPLICATION_NAME));
            context.setApplicationType("Eddy");
            context.setQueue(queue);
            context.setMaxAppAttempts(config.get(YarnDeploymentOptions.APPLICATION_ATTEMPTS));
            // a new ApplicationMaster attempt takes the TaskManagers over instead of starting new ones
            context.setKeepContainersAcrossApplicationAttempts(true);
            context.setResource(jobManagerResource);
            context.setAMContainerSpec(applicationMasterLaunch(fs, staging, amConfig, userJar));
            yarn.submitApplication(context);
            progress.println("Submitted application " + id + " to queue " + queue);
            return awaitRunning(id, taskManagers);
        } catch (YarnDeploymentException | IOException | org.apache.hadoop.yarn.exceptions.YarnException
                | RuntimeException e) {
            abandon(id, staging);
            if (e instanceof YarnDeploymentException deployment) {
                throw deployment;
            }
            throw new YarnDeploymentException("Could not start the application: " + firstLine(e), e);
        }
    }

    /** Schedulers answer an unknown queue differently: null, or an error (the FIFO scheduler's). */
    private boolean queueExists(String queue) {
        try {
            return yarn.getQueueInfo(queue) != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** The queues to pick from; the FIFO scheduler lists none but answers for its one queue, "default". */
    private java.util.Set<String> queueNames() throws IOException, org.apache.hadoop.yarn.exceptions.YarnException {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        yarn.getAllQueues().forEach(q -> names.add(q.getQueueName()));
        if (names.isEmpty() && queueExists("default")) {
            names.add("default");
        }
        return names;
    }

    private static Resource resource(MemorySize memory, int vcores) {
        return Resource.newInstance((memory.getBytes() + (1 << 20) - 1) >> 20, vcores);
    }

    private static void checkFits(String role, Resource asked, Resource max, String flag, String key)
            throws YarnDeploymentException {
        if (asked.getMemorySize() > max.getMemorySize()) {
            throw new YarnDeploymentException("A " + role + " container of " + asked.getMemorySize() + " MB exceeds "
                    + "YARN's largest, " + max.getMemorySize() + " MB: lower " + flag + " (" + key + ")");
        }
        if (asked.getVirtualCores() > max.getVirtualCores()) {
            throw new YarnDeploymentException("A " + role + " container of " + asked.getVirtualCores() + " vcores "
                    + "exceeds YARN's largest, " + max.getVirtualCores() + ": lower -s (slots) or set yarn.containers.vcores");
        }
    }

    /** Uploads the files and describes the ApplicationMaster's container. */
    private ContainerLaunchContext applicationMasterLaunch(FileSystem fs, Path staging, Configuration amConfig,
            java.nio.file.Path userJar) throws IOException {
        Map<String, LocalResource> files = new HashMap<>();
        if (userJar != null) {
            Path userLib = new Path(staging, USER_LIB);
            upload(fs, userJar.getParent(), userLib, userJar.getFileName().toString()::equals);
            YarnApplicationMaster.addFiles(fs, userLib, USER_LIB, files);
        }
        String libDirs = config.getOptional(YarnDeploymentOptions.PROVIDED_LIB_DIRS).orElse(null);
        if (libDirs == null) {
            Path lib = new Path(staging, ContainerEnvironment.LIB_LINK);
            upload(fs, hadoop.eddyLibDirectory(), lib, name -> name.endsWith(".jar"));
            libDirs = fs.makeQualified(lib).toString();
        }
        libDirs = String.join(",", libDirs.split(";"));
        for (String dir : libDirs.split(",")) {
            YarnApplicationMaster.addFiles(fs, new Path(dir), ContainerEnvironment.LIB_LINK, files);
        }
        Path conf = new Path(staging, ContainerEnvironment.CONF_LINK);
        fs.mkdirs(conf);
        try (var out = fs.create(new Path(conf, GlobalConfiguration.FILE_NAME))) {
            out.write(new ObjectMapper(new YAMLFactory()).writeValueAsBytes(new TreeMap<>(amConfig.toMap())));
        }
        java.nio.file.Path log4j = hadoop.eddyConfDirectory() == null ? null
                : hadoop.eddyConfDirectory().resolve("log4j2.properties");
        if (log4j != null && Files.isRegularFile(log4j)) {
            fs.copyFromLocalFile(new Path(log4j.toUri()), new Path(conf, "log4j2.properties"));
        }
        upload(fs, hadoop.directory(), new Path(staging, ContainerEnvironment.HADOOP_CONF_LINK),
                name -> name.endsWith(".xml"));
        YarnApplicationMaster.addFiles(fs, conf, ContainerEnvironment.CONF_LINK, files);
        YarnApplicationMaster.addFiles(fs, new Path(staging, ContainerEnvironment.HADOOP_CONF_LINK),
                ContainerEnvironment.HADOOP_CONF_LINK, files);

        Map<String, String> environment = new HashMap<>();
        environment.put(ApplicationConstants.Environment.CLASSPATH.name(),
                String.join(ApplicationConstants.CLASS_PATH_SEPARATOR, YarnApplicationMaster.classPath()));
        environment.put(ContainerEnvironment.CONF_DIR, ContainerEnvironment.CONF_LINK);
        environment.put(ContainerEnvironment.LIB_DIRS, libDirs);
        environment.put(ContainerEnvironment.STAGING_DIR, fs.makeQualified(staging).toString());

        long process = config.get(YarnDeploymentOptions.JOBMANAGER_PROCESS_MEMORY).getBytes();
        long heap = Math.max(64, (process - METASPACE_BYTES - Math.max(MIN_JVM_OVERHEAD_BYTES, process / 10)) >> 20);
        String logDir = ApplicationConstants.LOG_DIR_EXPANSION_VAR;
        List<String> command = new ArrayList<>();
        command.add(ApplicationConstants.Environment.JAVA_HOME.$$() + "/bin/java");
        command.add("-Xmx" + heap + "m");
        command.add("-XX:MaxMetaspaceSize=" + (METASPACE_BYTES >> 20) + "m");
        command.addAll(ContainerEnvironment.JAVA_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + ContainerEnvironment.CONF_LINK + "/log4j2.properties");
        command.add("-Deddy.log.file=" + logDir + "/jobmanager.log");
        command.add(YarnApplicationMaster.class.getName());
        command.add("1>" + logDir + "/jobmanager.out");
        command.add("2>" + logDir + "/jobmanager.err");
        return ContainerLaunchContext.newInstance(files, environment, List.of(String.join(" ", command)),
                null, null, null);
    }

    private static void upload(FileSystem fs, java.nio.file.Path from, Path to,
            java.util.function.Predicate<String> include) throws IOException {
        fs.mkdirs(to);
        try (Stream<java.nio.file.Path> files = Files.list(from)) {
            for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
                if (Files.isRegularFile(file) && include.test(file.getFileName().toString())) {
                    fs.copyFromLocalFile(false, true, new Path(file.toUri()), new Path(to, file.getFileName().toString()));
                }
            }
        }
    }

    /**
     * Follows the application until its REST API answers and its first TaskManagers registered; fails
     * with YARN's diagnostics if it ends first.
     */
    private YarnApplication awaitRunning(ApplicationId id, int taskManagers) throws YarnDeploymentException, IOException,
            org.apache.hadoop.yarn.exceptions.YarnException {
        long deadline = System.currentTimeMillis() + config.get(YarnDeploymentOptions.DEPLOYMENT_TIMEOUT).toMillis();
        YarnApplicationState shown = null;
        boolean waitingShown = false;
        while (true) {
            ApplicationReport report = yarn.getApplicationReport(id);
            YarnApplicationState state = report.getYarnApplicationState();
            if (state != shown) {
                progress.println("Application " + id + ": " + state);
                shown = state;
            }
            switch (state) {
                case FINISHED, FAILED, KILLED -> throw new YarnDeploymentException("Application " + id + " ended "
                        + state + " while starting: " + report.getDiagnostics().strip() + " (container logs: yarn logs "
                        + "-applicationId " + id + ")");
                case RUNNING -> {
                    YarnApplication app = applicationOf(report);
                    int registered = app == null ? -1 : registeredTaskManagers(app);
                    if (registered >= taskManagers) {
                        return app;
                    }
                    if (registered >= 0 && !waitingShown) {
                        progress.println("JobManager up at " + app.restAddress() + "; waiting for " + taskManagers
                                + " TaskManager container(s)");
                        waitingShown = true;
                    }
                }
                default -> { }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new YarnDeploymentException("Application " + id + " is still " + state + " after "
                        + config.get(YarnDeploymentOptions.DEPLOYMENT_TIMEOUT).toSeconds() + " s (a full queue?): "
                        + "gave up and killed it; raise " + YarnDeploymentOptions.DEPLOYMENT_TIMEOUT.key());
            }
            sleep(250);
        }
    }

    private static YarnApplication applicationOf(ApplicationReport report) {
        String url = report.getOriginalTrackingUrl();
        if (url == null || url.isEmpty() || url.equals("N/A")) {
            return null;
        }
        URI uri = URI.create(url.contains("://") ? url : "http://" + url);
        return new YarnApplication(report.getApplicationId(), uri.getHost(), uri.getPort());
    }

    /** TaskManagers registered with the application's JobManager, or -1 while its REST API does not answer. */
    private static int registeredTaskManagers(YarnApplication app) {
        try {
            return new RestClient(app.restHost() + ":" + app.restPort(), java.time.Duration.ofSeconds(2),
                    java.time.Duration.ofSeconds(5)).get("/overview").path("taskManagers").asInt();
        } catch (Exception e) {
            return -1;
        }
    }

    /** A running Eddy application by id; fails with one line if it is unknown, not running, or not Eddy's. */
    public YarnApplication find(String applicationId) throws YarnDeploymentException {
        ApplicationId id;
        try {
            id = ApplicationId.fromString(applicationId);
        } catch (IllegalArgumentException e) {
            throw new YarnDeploymentException("'" + applicationId + "' is not a YARN application id "
                    + "(application_<timestamp>_<number>)");
        }
        ApplicationReport report;
        try {
            report = yarn.getApplicationReport(id);
        } catch (Exception e) {
            throw new YarnDeploymentException("YARN does not know application " + applicationId + ": " + firstLine(e), e);
        }
        if (!"Eddy".equals(report.getApplicationType())) {
            throw new YarnDeploymentException("Application " + applicationId + " is a " + report.getApplicationType()
                    + " application, not Eddy's: name an Eddy session with -D " + YarnDeploymentOptions.APPLICATION_ID.key()
                    + "=<applicationId> (yarn application -list -appTypes Eddy)");
        }
        YarnApplication app = applicationOf(report);
        if (report.getYarnApplicationState() != YarnApplicationState.RUNNING || app == null) {
            throw new YarnDeploymentException("Application " + applicationId + " is "
                    + report.getYarnApplicationState() + ", not running: start a session with bin/yarn-session.sh");
        }
        return app;
    }

    /** Asks the application's JobManager to stop and waits until YARN reports the application ended. */
    public ApplicationReport stop(YarnApplication app) throws YarnDeploymentException {
        try {
            new RestClient(app.restHost() + ":" + app.restPort(), java.time.Duration.ofSeconds(5),
                    java.time.Duration.ofSeconds(10)).post("/cluster/shutdown", new byte[0], "application/json");
        } catch (Exception e) {
            throw new YarnDeploymentException("Could not reach the JobManager of " + app.id() + " at "
                    + app.restAddress() + " to stop it (" + firstLine(e) + "): kill it with yarn application -kill "
                    + app.id(), e);
        }
        return awaitEnd(app.id());
    }

    /** Waits until YARN reports the application ended. */
    public ApplicationReport awaitEnd(ApplicationId id) throws YarnDeploymentException {
        try {
            while (true) {
                ApplicationReport report = yarn.getApplicationReport(id);
                if (EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED)
                        .contains(report.getYarnApplicationState())) {
                    return report;
                }
                sleep(250);
            }
        } catch (IOException | org.apache.hadoop.yarn.exceptions.YarnException e) {
            throw new YarnDeploymentException("Lost track of application " + id + ": " + firstLine(e), e);
        }
    }

    private void abandon(ApplicationId id, Path staging) {
        try {
            yarn.killApplication(id);
        } catch (Exception e) {
            // not submitted yet, or already gone
        }
        if (staging != null) {
            try {
                FileSystem.get(hadoop.configuration()).delete(staging, true);
            } catch (IOException e) {
                progress.println("Could not delete the staging directory " + staging + ": " + e.getMessage());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for YARN", e);
        }
    }

    static String firstLine(Throwable e) {
        Throwable shown = e;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }

    @Override
    public void close() {
        yarn.stop();
    }
}
