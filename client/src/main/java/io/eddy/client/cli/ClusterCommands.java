package io.eddy.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.api.config.Configuration;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.runtime.remote.ClusterClientFactory;
import io.eddy.runtime.rest.RestClient;
import io.eddy.runtime.rest.RestOptions;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * {@code eddy list}, {@code eddy info <jobId>}, {@code eddy checkpoints <jobId>},
 * {@code eddy cancel [--savepoint [targetDir]] <jobId>}, {@code eddy savepoint <jobId> [targetDir]} and
 * {@code eddy stop [--savepoint [targetDir]] [--drain] <jobId>} against a running cluster: the one at
 * {@code -m host:port}, else the one a target names ({@code -t yarn-session -D yarn.application.id=<id>},
 * found through its {@link ClusterClientFactory}), else {@code rest.address}/{@code rest.port}.
 */
final class ClusterCommands {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private final Configuration config;

    ClusterCommands(PrintStream out, Configuration config) {
        this.out = out;
        this.config = config;
    }

    /** Points clients at {@code host:port}. */
    static void setJobManager(Configuration config, String address) throws UsageException {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new UsageException("-m expects host:port, got '" + address + "'");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            config.set(RestOptions.PORT, port);
        } catch (NumberFormatException e) {
            throw new UsageException("-m expects host:port with a port from 1 to 65535, got '" + address + "'");
        }
        config.set(RestOptions.ADDRESS, address.substring(0, colon));
    }

    /** The factory serving {@code target}, or null if no module on the class path serves it. */
    static ClusterClientFactory clusterClientFactory(String target) {
        for (ClusterClientFactory factory : ServiceLoader.load(ClusterClientFactory.class)) {
            if (factory.isFor(target)) {
                return factory;
            }
        }
        return null;
    }

    int run(String command, List<String> args) throws UsageException, ProgramException {
        List<String> positional = new java.util.ArrayList<>();
        String target = null;
        boolean addressGiven = false;
        String savepointOption = null;
        boolean savepointFlag = false;
        boolean drain = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-m") || arg.equals("--jobmanager")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("option -m needs host:port");
                }
                setJobManager(config, args.get(++i));
                addressGiven = true;
            } else if (arg.equals("-t") || arg.equals("--target")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("option -t needs a target, e.g. yarn-session");
                }
                target = args.get(++i);
            } else if (arg.startsWith("-D")) {
                Map.Entry<String, String> property = RunOptions.dynamicProperty(arg.length() > 2 ? arg.substring(2)
                        : i + 1 < args.size() ? args.get(++i) : "");
                config.setString(property.getKey(), property.getValue());
            } else if ((command.equals("stop") || command.equals("cancel"))
                    && (arg.equals("--savepoint") || arg.equals("-p"))) {
                savepointFlag = true;
                if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                    savepointOption = args.get(++i);
                }
            } else if (command.equals("stop") && (arg.equals("--drain") || arg.equals("-d"))) {
                drain = true;
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option '" + arg + "' for 'eddy " + command + "' (see eddy --help)");
            } else {
                positional.add(arg);
            }
        }
        if (savepointOption != null && positional.isEmpty()) {
            positional.add(savepointOption); // eddy stop|cancel --savepoint <jobId>: no target directory
            savepointOption = null;
        }
        int maxPositional = switch (command) {
            case "list" -> 0;
            case "savepoint" -> 2;
            default -> 1;
        };
        if (positional.size() > maxPositional) {
            throw new UsageException("unexpected argument '" + positional.get(maxPositional) + "' for 'eddy " + command + "'");
        }
        String jobId = positional.isEmpty() ? null : positional.get(0);
        if (jobId == null && !command.equals("list")) {
            throw new UsageException("'eddy " + command + "' needs a job id (see eddy list)");
        }
        String targetDirectory = command.equals("savepoint") && positional.size() > 1 ? positional.get(1) : savepointOption;
        if (!addressGiven) {
            locateCluster(target != null ? target : config.get(DeploymentOptions.TARGET), target != null);
        }
        RestClient rest = new RestClient(RestOptions.clientAddress(config), config.get(RestOptions.CONNECT_TIMEOUT),
                config.get(RestOptions.REQUEST_TIMEOUT));
        try {
            switch (command) {
                case "list" -> list(rest.get("/jobs"));
                case "info" -> info(rest.get("/jobs/" + jobId));
                case "checkpoints" -> CheckpointTable.print(out, jobId, rest.get("/jobs/" + jobId + "/checkpoints"));
                case "savepoint", "stop" -> savepoint(rest, jobId, targetDirectory, command.equals("stop"), drain, false);
                case "cancel" -> {
                    if (savepointFlag) {
                        savepoint(rest, jobId, targetDirectory, false, false, true);
                    } else {
                        JsonNode answer = rest.post("/jobs/" + jobId + "/cancel", new byte[0], "application/json");
                        out.println("Cancelling job " + jobId + " (was " + answer.path("status").asText() + ")");
                    }
                }
                default -> throw new IllegalStateException("not a cluster command: " + command);
            }
        } catch (RestClient.RestClientException e) {
            throw new ProgramException(e.getMessage(), e);
        }
        return EddyCli.OK;
    }

    /** Points the REST client at the cluster {@code target} names, if a factory serves it. */
    private void locateCluster(String target, boolean explicit) throws UsageException, ProgramException {
        ClusterClientFactory factory = clusterClientFactory(target);
        if (factory == null) {
            if (explicit && !target.equals("remote")) {
                throw new UsageException("-t " + target + " names no running cluster this command can reach: use "
                        + "-t yarn-session, or -m host:port");
            }
            return;
        }
        String address;
        try {
            address = factory.restAddress(config);
        } catch (Exception e) {
            throw new ProgramException(e.getMessage(), e);
        }
        setJobManager(config, address);
    }

    /** A savepoint of the job; the job then stops ({@code stop}, maybe drained), is cancelled, or goes on. */
    private void savepoint(RestClient rest, String jobId, String targetDirectory, boolean stop, boolean drain,
            boolean cancel) throws RestClient.RestClientException {
        out.println((stop ? "Stopping job " + jobId + (drain ? " with a drain and a savepoint" : " with a savepoint")
                : cancel ? "Cancelling job " + jobId + " with a savepoint" : "Triggering a savepoint of job " + jobId)
                + (targetDirectory == null ? "" : " into " + targetDirectory));
        Map<String, Object> body = new LinkedHashMap<>();
        if (targetDirectory != null) {
            body.put("targetDirectory", targetDirectory);
        }
        body.put("stop", stop);
        body.put("drain", drain);
        body.put("cancelJob", cancel);
        byte[] json;
        try {
            json = new ObjectMapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String savepoint = rest.post("/jobs/" + jobId + "/savepoints", json, "application/json").path("savepoint").asText();
        out.println("Savepoint completed: " + savepoint);
        if (stop) {
            out.println("Job " + jobId + " stopped; resume it with eddy run -s " + savepoint);
        } else if (cancel) {
            out.println("Job " + jobId + " is cancelled; resume it with eddy run -s " + savepoint);
        }
    }

    private void list(JsonNode jobs) {
        if (jobs.isEmpty()) {
            out.println("No jobs.");
            return;
        }
        out.printf(Locale.ROOT, "%-32s  %-10s  %-19s  %10s  %s%n", "job id", "status", "started", "duration", "name");
        for (JsonNode job : jobs) {
            out.printf(Locale.ROOT, "%-32s  %-10s  %-19s  %9.1fs  %s%n", job.path("jobId").asText(),
                    job.path("status").asText(), TIME.format(Instant.ofEpochMilli(job.path("startTime").asLong())),
                    job.path("durationMillis").asLong() / 1000.0, job.path("name").asText());
        }
    }

    private void info(JsonNode job) {
        out.printf(Locale.ROOT, "Job %s (%s): %s, running for %.1f s%n", job.path("jobId").asText(),
                job.path("name").asText(), job.path("status").asText(), job.path("durationMillis").asLong() / 1000.0);
        if (job.hasNonNull("failureCause")) {
            out.println("Failure: " + job.path("failureCause").asText());
        }
        String row = "  %-40s %11s %-9s %14s %14s %12s%s%n";
        out.printf(Locale.ROOT, row, "vertex", "parallelism", "status", "records in", "records out", "backpressure",
                "  task manager");
        for (JsonNode v : job.path("vertices")) {
            out.printf(Locale.ROOT, row, v.path("name").asText(), v.path("parallelism").asInt(), v.path("status").asText(),
                    v.path("recordsIn").asLong(), v.path("recordsOut").asLong(), percent(v), "");
            // one line per subtask under its vertex, so a single back-pressured subtask stands out
            for (JsonNode s : v.path("subtasks")) {
                out.printf(Locale.ROOT, row, "  subtask " + s.path("index").asInt(), "", s.path("status").asText(),
                        s.path("recordsIn").asLong(), s.path("recordsOut").asLong(), percent(s),
                        "  " + s.path("taskManager").asText() + " (" + s.path("location").asText() + ")");
            }
        }
    }

    private static String percent(JsonNode figures) {
        return String.format(Locale.ROOT, "%.0f%%", figures.path("backpressureRatio").asDouble() * 100);
    }
}
