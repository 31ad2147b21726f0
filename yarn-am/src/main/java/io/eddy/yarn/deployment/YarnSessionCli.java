package io.eddy.yarn.deployment;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.runtime.config.GlobalConfiguration;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import io.eddy.yarn.deployment.YarnClusterDeployer.YarnApplication;
import org.apache.hadoop.yarn.api.records.ApplicationReport;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code bin/yarn-session.sh}: starts a YARN session (attached: until {@code stop} on stdin, end of
 * input or Ctrl-C; {@code -d}: detached), attaches to one ({@code -id}), or stops one
 * ({@code -id <appId> --stop}). Exit codes: 0 success, 1 YARN refused or failed, 2 bad arguments.
 */
public final class YarnSessionCli {
    static final String USAGE = """
            Usage: yarn-session.sh [options]
              -jm <mem>        JobManager (ApplicationMaster) container memory, e.g. 1600m
              -tm <mem>        TaskManager container memory, e.g. 1728m
              -s <slots>       task slots per TaskManager
              -nm <name>       application name
              -qu <queue>      YARN queue
              -d               detached: start the session and return
              -id <appId>      attach to a running session (with --stop: stop it)
              --stop           stop the session named by -id
              -D <key>=<value> configuration option
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Configuration config;
    private final ClientEnvironment environment;

    YarnSessionCli(PrintStream out, PrintStream err, Configuration config, ClientEnvironment environment) {
        this.out = out;
        this.err = err;
        this.config = config;
        this.environment = environment;
    }

    public static void main(String[] args) {
        int code;
        try {
            Configuration config = GlobalConfiguration.loadFromEnvironment();
            code = new YarnSessionCli(System.out, System.err, config, null).run(List.of(args), System.in);
        } catch (RuntimeException e) {
            System.err.println("yarn-session: " + YarnClusterDeployer.firstLine(e));
            code = 1;
        }
        System.exit(code);
    }

    int run(List<String> args, InputStream stdin) {
        boolean detached = false;
        boolean stop = false;
        String attachTo = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "-d", "--detached" -> detached = true;
                    case "--stop" -> stop = true;
                    case "-id", "--applicationId" -> attachTo = value(args, ++i, arg);
                    case "-jm" -> config.set(YarnDeploymentOptions.JOBMANAGER_PROCESS_MEMORY, memory(value(args, ++i, arg), arg));
                    case "-tm" -> config.set(TaskManagerOptions.PROCESS_MEMORY, memory(value(args, ++i, arg), arg));
                    case "-s" -> config.set(TaskManagerOptions.NUM_TASK_SLOTS, positive(value(args, ++i, arg), arg));
                    case "-nm" -> config.set(YarnDeploymentOptions.APPLICATION_NAME, value(args, ++i, arg));
                    case "-qu" -> config.set(YarnDeploymentOptions.QUEUE, value(args, ++i, arg));
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> {
                        if (!arg.startsWith("-D")) {
                            throw new IllegalArgumentException("unknown option '" + arg + "' (see yarn-session.sh -h)");
                        }
                        String property = arg.length() > 2 ? arg.substring(2) : value(args, ++i, arg);
                        int eq = property.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("-D expects key=value, got '" + property + "'");
                        }
                        config.setString(property.substring(0, eq).trim(), property.substring(eq + 1).trim());
                    }
                }
            }
            if (stop && attachTo == null) {
                throw new IllegalArgumentException("--stop needs the session: yarn-session.sh -id <applicationId> --stop");
            }
        } catch (IllegalArgumentException e) {
            err.println("yarn-session: " + e.getMessage());
            return 2;
        }
        try (YarnClusterDeployer deployer = new YarnClusterDeployer(config,
                environment != null ? environment : ClientEnvironment.fromSystem(), err)) {
            SessionProperties remembered = new SessionProperties(config);
            YarnApplication session;
            if (attachTo != null) {
                session = deployer.find(attachTo);
                if (stop) {
                    return stop(deployer, session, remembered);
                }
                out.println("Attached to session " + session.id() + ", REST API at " + session.restAddress());
            } else {
                // TaskManager containers are started when jobs need slots
                session = deployer.deploy(0, false);
                remembered.remember(session.id().toString());
                out.println("Session " + session.id() + " is ready; REST API (and web UI) at " + session.restAddress());
                out.println("Submit jobs with: bin/eddy run -t yarn-session <jar>");
            }
            if (detached) {
                out.println("Stop it with: bin/yarn-session.sh -id " + session.id() + " --stop");
                return 0;
            }
            out.println("Type 'stop' (or end the input, or press Ctrl-C) to stop the session.");
            Thread hook = new Thread(() -> {
                try {
                    deployer.stop(session);
                } catch (YarnDeploymentException e) {
                    err.println("yarn-session: " + e.getMessage());
                }
            }, "yarn-session-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            BufferedReader input = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            for (String line = input.readLine(); line != null && !line.strip().equals("stop"); line = input.readLine()) {
                out.println("Unknown command '" + line.strip() + "': type 'stop' to stop the session");
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            return stop(deployer, session, remembered);
        } catch (YarnDeploymentException e) {
            err.println("yarn-session: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("yarn-session: " + e.getMessage());
            return 1;
        }
    }

    private int stop(YarnClusterDeployer deployer, YarnApplication session, SessionProperties remembered)
            throws YarnDeploymentException, java.io.IOException {
        out.println("Stopping session " + session.id());
        ApplicationReport report = deployer.stop(session);
        remembered.forget(session.id().toString());
        out.println("Session " + session.id() + " " + report.getYarnApplicationState() + " ("
                + report.getFinalApplicationStatus() + ")");
        return 0;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args.get(i);
    }

    private static MemorySize memory(String text, String option) {
        try {
            String normalized = text.matches("\\d+") ? text + "m" : text;
            return MemorySize.parse(normalized);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " expects a memory size like 1600m or 2g, got '" + text + "'");
        }
    }

    private static int positive(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " expects a positive number, got '" + text + "'");
    }
}
