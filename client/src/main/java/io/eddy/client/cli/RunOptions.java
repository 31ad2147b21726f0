package io.eddy.client.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code eddy run}. Options come before the jar; everything after the jar belongs
 * to the program.
 */
record RunOptions(
        Path jar,
        String mainClass,
        Integer parallelism,
        String target,
        String jobManager,
        Map<String, String> dynamicProperties,
        boolean verbose,
        boolean detached,
        boolean help,
        List<String> programArgs) {

    static final String USAGE = """
            Usage: eddy run [options] <jar> [program arguments]

            Runs the program in <jar>: its main method builds a job and calls execute().

            Options:
              -c, --class <name>        main class (default: Main-Class of the jar's manifest)
              -p, --parallelism <n>     default parallelism of the job's operators
              -t, --target <name>       where the job runs: local (default, an embedded cluster),
                                        remote (a running cluster), yarn-session (the YARN session
                                        started last, or -D yarn.application.id=<id>), yarn-per-job
                                        (a YARN application for this job), yarn-application (a YARN
                                        application whose ApplicationMaster runs the program's main)
              -d, --detached            returns once the job is submitted, printing its id (and the
                                        YARN application's), instead of following it to its end
              -m, --jobmanager <host:port>
                                        REST address of the cluster's JobManager for -t remote
                                        (default: rest.address and rest.port of eddy-conf.yaml)
              -s, --fromSavepoint <path>
                                        starts the job from this savepoint (execution.savepoint.path);
                                        state is matched to operators by uid
              -n, --allow-non-restored-state
                                        drops savepoint state no operator of the job claims instead of
                                        failing (execution.savepoint.ignore-unclaimed-state)
              -D <key>=<value>          sets a configuration option, overriding conf/eddy-conf.yaml
                  --verbose             prints full stack traces on errors
              -h, --help                shows this help
            """;

    /** @param command the command whose options these are ({@code run}, {@code plan}, ...), named in messages */
    static RunOptions parse(String command, List<String> args) throws UsageException {
        Path jar = null;
        String mainClass = null;
        Integer parallelism = null;
        String target = null;
        String jobManager = null;
        Map<String, String> properties = new LinkedHashMap<>();
        boolean verbose = false;
        boolean detached = false;
        int i = 0;
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-")) {
                jar = Path.of(arg);
                i++;
                break;
            }
            switch (arg) {
                case "-h", "--help" -> {
                    return new RunOptions(null, null, null, null, null, Map.of(), false, false, true, List.of());
                }
                case "--verbose", "-v" -> verbose = true;
                case "-d", "--detached" -> detached = true;
                case "-c", "--class" -> mainClass = value(command, args, ++i, arg);
                case "-t", "--target" -> target = value(command, args, ++i, arg);
                case "-m", "--jobmanager" -> {
                    jobManager = value(command, args, ++i, arg);
                    if (target == null) {
                        target = "remote";
                    }
                }
                case "-p", "--parallelism" -> parallelism = parallelism(value(command, args, ++i, arg));
                case "-s", "--fromSavepoint" -> properties.put("execution.savepoint.path", value(command, args, ++i, arg));
                case "-n", "--allow-non-restored-state" ->
                        properties.put("execution.savepoint.ignore-unclaimed-state", "true");
                default -> {
                    if (arg.startsWith("-D")) {
                        Map.Entry<String, String> property = dynamicProperty(arg.length() > 2 ? arg.substring(2)
                                : value(command, args, ++i, arg));
                        properties.put(property.getKey(), property.getValue());
                    } else {
                        throw new UsageException("unknown option '" + arg + "' for 'eddy " + command + "' (see eddy "
                                + command + " --help)");
                    }
                }
            }
        }
        if (jar == null) {
            throw new UsageException("missing the program's jar: eddy " + command + " [options] <jar> [program arguments]");
        }
        return new RunOptions(jar, mainClass, parallelism, target, jobManager, properties, verbose, detached, false,
                new ArrayList<>(args.subList(i, args.size())));
    }

    /** The key and value of a {@code -D key=value} option (without the {@code -D}). */
    static Map.Entry<String, String> dynamicProperty(String property) throws UsageException {
        int eq = property.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("-D expects key=value, got '" + property + "'");
        }
        return Map.entry(property.substring(0, eq).trim(), property.substring(eq + 1).trim());
    }

    private static String value(String command, List<String> args, int index, String flag) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException("option " + flag + " needs a value (see eddy " + command + " --help)");
        }
        return args.get(index);
    }

    private static int parallelism(String text) throws UsageException {
        try {
            int p = Integer.parseInt(text);
            if (p > 0) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("-p expects a positive whole number, got '" + text + "'");
    }
}
