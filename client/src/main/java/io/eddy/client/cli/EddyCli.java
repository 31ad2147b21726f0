package io.eddy.client.cli;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.CoreOptions;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.execution.JobExecutionException;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.pipeline.PipelineExecutorFactory;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.execution.JobId;
import io.eddy.runtime.config.GlobalConfiguration;
import io.eddy.runtime.remote.ClusterClientFactory;
import io.eddy.runtime.remote.RemoteJobClient;
import io.eddy.runtime.rest.RestClient;
import io.eddy.runtime.rest.RestOptions;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The {@code eddy} command line. Every error ends in one line on stderr that names the problem
 * and the way out; stack traces only with {@code --verbose}.
 *
 * <p>Exit codes: 0 success, 1 the program or its job failed, 2 the command line is wrong.
 */
public final class EddyCli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: eddy <command> [options]

            Commands:
              run [options] <jar> [args]   runs a program (see: eddy run --help)
              run-application [options] <jar> [args]
                                           runs a program's main in a new YARN application
                                           (eddy run -t yarn-application)
              plan [--json] [options] <jar> [args]
                                           prints the program's plan as the optimizer chose it (ship
                                           and local strategies, size estimates) without running it;
                                           takes the options of run
              ml <algorithm> --train <path> [options]
                                           trains a machine-learning algorithm (see: eddy ml --help)
              list [-m host:port]          lists the jobs of a running cluster
              info [-m host:port] <jobId>  shows a job's status, operators and figures
              checkpoints [-m host:port] <jobId>
                                           shows a job's recent checkpoints: durations, sizes, failures
              cancel [--savepoint [targetDir]] [-m host:port] <jobId>
                                           cancels a job; with --savepoint after a savepoint
                                           (ends CANCELED), printing its path
              savepoint [-m host:port] <jobId> [targetDir]
                                           takes a savepoint (default dir: state.savepoints.dir),
                                           prints its path; resume with eddy run -s <path>
              stop [--savepoint [targetDir]] [--drain] [-m host:port] <jobId>
                                           stops the job with a final savepoint (it ends FINISHED);
                                           --drain ends the input first so event-time windows fire

            The cluster commands reach the cluster at -m host:port, or the one a target names:
            -t yarn-session [-D yarn.application.id=<id>] (default: the session started last).

            Options:
              -h, --help                   shows this help
                  --version                prints the version

            Configuration is read from $EDDY_CONF_DIR/eddy-conf.yaml (bin/eddy sets it to conf/).
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final Supplier<Configuration> configuration;

    EddyCli(PrintStream out, PrintStream err, boolean terminal, Supplier<Configuration> configuration) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.configuration = configuration;
    }

    public static void main(String[] args) {
        EddyCli cli = new EddyCli(System.out, System.err, System.console() != null,
                GlobalConfiguration::loadFromEnvironment);
        int code = cli.run(args);
        System.out.flush();
        // The program may leave non-daemon threads behind; the job has ended either way.
        System.exit(code);
    }

    int run(String... args) {
        List<String> arguments = Arrays.asList(args);
        boolean verbose = arguments.contains("--verbose");
        try {
            if (arguments.isEmpty() || arguments.get(0).equals("-h") || arguments.get(0).equals("--help")
                    || arguments.get(0).equals("help")) {
                out.print(USAGE_TEXT);
                return arguments.isEmpty() ? USAGE : OK;
            }
            switch (arguments.get(0)) {
                case "--version" -> {
                    out.println("Eddy " + version());
                    return OK;
                }
                case "run" -> {
                    return runProgram(RunOptions.parse("run", arguments.subList(1, arguments.size())), null);
                }
                case "run-application" -> {
                    return runProgram(RunOptions.parse("run-application", arguments.subList(1, arguments.size())),
                            "yarn-application");
                }
                case "ml" -> {
                    return runMl(arguments.subList(1, arguments.size()));
                }
                case "plan" -> {
                    boolean json = arguments.size() > 1 && arguments.get(1).equals("--json");
                    RunOptions options = RunOptions.parse("plan", arguments.subList(json ? 2 : 1, arguments.size()));
                    if (options.help()) {
                        out.print(USAGE_TEXT);
                        return OK;
                    }
                    return new PlanCommand(out).print(options, configured(options), json);
                }
                case "list", "info", "checkpoints", "cancel", "savepoint", "stop" -> {
                    return new ClusterCommands(out, configuration.get()).run(arguments.get(0),
                            arguments.subList(1, arguments.size()));
                }
                default -> throw new UsageException("unknown command '" + arguments.get(0) + "' (see eddy --help)");
            }
        } catch (UsageException e) {
            err.println("eddy: " + e.getMessage());
            return USAGE;
        } catch (ProgramException e) {
            err.println("eddy: " + e.getMessage());
            if (verbose && e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return FAILED;
        } catch (IllegalConfigurationException e) {
            err.println("eddy: bad configuration: " + e.getMessage());
            return FAILED;
        }
    }

    /** {@code eddy ml ...}: the ml library's command (see {@link io.eddy.ml.cli.MlCommand}). */
    private int runMl(List<String> arguments) throws UsageException, ProgramException {
        try {
            return new io.eddy.ml.cli.MlCommand(out, configuration.get()).run(arguments);
        } catch (io.eddy.ml.cli.MlCommand.UsageException e) {
            throw new UsageException(e.getMessage());
        } catch (JobExecutionException e) {
            throw new ProgramException("the ml job failed: " + rootMessage(e), e);
        } catch (Exception e) {
            throw new ProgramException("eddy ml failed: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** @param defaultTarget the target unless -t names one (run-application), or null for the configured one */
    private int runProgram(RunOptions options, String defaultTarget) throws UsageException, ProgramException {
        if (options.help()) {
            out.print(RunOptions.USAGE);
            return OK;
        }
        Configuration config = configured(options);
        if (options.target() == null && defaultTarget != null) {
            config.set(DeploymentOptions.TARGET, defaultTarget);
        }
        String target = config.get(DeploymentOptions.TARGET);
        ClusterClientFactory inCluster = ClusterCommands.clusterClientFactory(target);
        if (inCluster != null && inCluster.runsPrograms(target)) {
            return runInCluster(inCluster, config, options);
        }
        if (options.detached()) {
            if (target.equals("local")) {
                throw new UsageException("-d needs a cluster to leave the job to: add -t remote, yarn-session, "
                        + "yarn-per-job or yarn-application (the local cluster ends with this command)");
            }
            config.set(DeploymentOptions.ATTACHED, false);
        }
        ProgressReporter progress = new ProgressReporter(err, terminal, terminalWidth(), options.detached());
        try (PackagedProgram program = PackagedProgram.open(options.jar(), options.mainClass())) {
            StreamExecutionEnvironment.initializeContextEnvironment(config, program.classLoader(), progress);
            try {
                program.run(options.programArgs());
            } catch (Throwable t) {
                throw translate(t);
            }
            if (progress.jobsSubmitted() == 0) {
                throw new ProgramException(program.mainClassName() + ".main returned without running a job: "
                        + "call execute() on the StreamExecutionEnvironment after defining the pipeline", null);
            }
            // Jobs started with executeAsync run in this JVM on the embedded cluster: wait for them.
            progress.awaitJobs();
            return OK;
        } finally {
            StreamExecutionEnvironment.resetContextEnvironment();
        }
    }

    /**
     * Application mode: the program's main runs in a cluster started for it; this command prints the job
     * it submitted there and, unless detached, follows that job to its end.
     */
    private int runInCluster(ClusterClientFactory factory, Configuration config, RunOptions options)
            throws UsageException, ProgramException {
        String mainClass;
        try (PackagedProgram program = PackagedProgram.open(options.jar(), options.mainClass())) {
            mainClass = program.mainClassName(); // checked here, where a mistake is cheap to report
        }
        ClusterClientFactory.DeployedApplication app;
        try {
            app = factory.deployApplication(config, options.jar().toAbsolutePath(), mainClass, options.programArgs());
        } catch (Exception e) {
            throw new ProgramException(e.getMessage(), e);
        }
        err.println("Job " + app.jobId() + " submitted; it runs in application " + app.applicationId()
                + " (REST API and web UI at http://" + app.restAddress() + ")");
        if (options.detached()) {
            return OK;
        }
        RemoteJobClient job = new RemoteJobClient(new RestClient(app.restAddress(), config.get(RestOptions.CONNECT_TIMEOUT),
                config.get(RestOptions.REQUEST_TIMEOUT)), JobId.fromHexString(app.jobId()));
        ProgressReporter progress = new ProgressReporter(err, terminal, terminalWidth(), false);
        progress.follow(job);
        progress.awaitJobs();
        try {
            job.getJobExecutionResult().get();
            return OK;
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProgramException("interrupted while following job " + app.jobId(), e);
        }
    }

    /** The configuration of eddy-conf.yaml with the command line's options applied. */
    private Configuration configured(RunOptions options) throws UsageException {
        Configuration config = configuration.get();
        options.dynamicProperties().forEach(config::setString);
        if (options.parallelism() != null) {
            config.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
        }
        if (options.target() != null) {
            config.set(DeploymentOptions.TARGET, options.target());
        }
        if (options.jobManager() != null) {
            ClusterCommands.setJobManager(config, options.jobManager());
        }
        config.set(DeploymentOptions.JARS, options.jar().toAbsolutePath().toString());
        String target = config.get(DeploymentOptions.TARGET);
        ClusterClientFactory inCluster = ClusterCommands.clusterClientFactory(target);
        if (inCluster == null || !inCluster.runsPrograms(target)) {
            checkTarget(target); // a target that runs programs in the cluster has no executor here
        }
        return config;
    }

    /** Turns what the program's main method threw into the one line the user sees. */
    static ProgramException translate(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof JobExecutionException failure) {
                if (failure.getStatus() == JobStatus.CANCELED) {
                    return new ProgramException("job " + failure.getJobId() + " was cancelled", thrown);
                }
                Throwable root = rootCause(failure);
                return new ProgramException("job " + failure.getJobId() + " failed: "
                        + (root == failure ? failure.getMessage() : describe(root)), thrown);
            }
            if (t instanceof IllegalConfigurationException) {
                return new ProgramException("bad configuration: " + t.getMessage()
                        + " (set it with -D key=value or in eddy-conf.yaml)", thrown);
            }
            if (t instanceof InvalidProgramException || t instanceof InvalidTypesException) {
                return new ProgramException("invalid program: " + t.getMessage(), thrown);
            }
        }
        return new ProgramException("the program's main method threw " + describe(thrown), thrown);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The exception and the first frame of the user's code, where the problem most likely is. */
    static String describe(Throwable t) {
        StringBuilder text = new StringBuilder(t.toString());
        StackTraceElement[] frames = t.getStackTrace();
        StackTraceElement at = frames.length == 0 ? null : frames[0];
        for (StackTraceElement frame : frames) {
            if (isUserFrame(frame.getClassName())) {
                at = frame;
                break;
            }
        }
        if (at != null) {
            text.append(" (at ").append(at.getClassName()).append('.').append(at.getMethodName())
                    .append('(').append(at.getFileName()).append(':').append(at.getLineNumber()).append("))");
        }
        return text.toString();
    }

    private static boolean isUserFrame(String className) {
        return !(className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("io.eddy.api.")
                || className.startsWith("io.eddy.runtime.") || className.equals(PackagedProgram.class.getName()));
    }

    private static void checkTarget(String target) throws UsageException {
        List<String> known = new ArrayList<>();
        for (PipelineExecutorFactory factory : ServiceLoader.load(PipelineExecutorFactory.class)) {
            if (factory.name().equals(target)) {
                return;
            }
            known.add(factory.name());
        }
        throw new UsageException("unknown target '" + target + "' (from -t or execution.target); known targets: "
                + String.join(", ", known));
    }

    private static int terminalWidth() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120")));
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    private static String version() {
        String v = EddyCli.class.getPackage().getImplementationVersion();
        return v != null ? v : "(development build)";
    }
}
