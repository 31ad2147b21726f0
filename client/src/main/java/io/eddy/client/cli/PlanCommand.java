package io.eddy.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.api.execution.JobClient;
import io.eddy.api.pipeline.Pipeline;
import io.eddy.api.pipeline.PipelineExecutor;
import io.eddy.api.pipeline.PipelineExecutorFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;

/**
 * {@code eddy plan}: runs the program's main method with an executor that, instead of submitting the
 * first job the program executes, takes its plan from the target's executor (the optimizer's choices
 * included) and stops the program there, so nothing runs. Prints the plan readably, or as JSON.
 */
final class PlanCommand {
    private final PrintStream out;

    PlanCommand(PrintStream out) {
        this.out = out;
    }

    /** Thrown into the program's main method once its plan is taken, to end it before anything runs. */
    private static final class PlanTaken extends RuntimeException {
        PlanTaken() {
            super("the plan is taken; the program does not run under 'eddy plan'", null, false, false);
        }
    }

    /** Takes the plan of the first pipeline the program executes and ends the program. */
    private static final class PlanTakingExecutor implements PipelineExecutor {
        private final PipelineExecutor target;
        private String plan;

        PlanTakingExecutor(PipelineExecutor target) {
            this.target = target;
        }

        @Override
        public CompletableFuture<JobClient> execute(Pipeline pipeline, Configuration config, ClassLoader userClassLoader) {
            plan = target.getExecutionPlan(pipeline);
            throw new PlanTaken();
        }

        @Override
        public String getExecutionPlan(Pipeline pipeline) {
            return target.getExecutionPlan(pipeline);
        }
    }

    int print(RunOptions options, Configuration config, boolean json) throws UsageException, ProgramException {
        PlanTakingExecutor executor = new PlanTakingExecutor(targetExecutor(config));
        try (PackagedProgram program = PackagedProgram.open(options.jar(), options.mainClass())) {
            StreamExecutionEnvironment.initializeContextEnvironment(config, program.classLoader(), null, executor);
            try {
                program.run(options.programArgs());
            } catch (Throwable t) {
                if (executor.plan == null) {
                    throw EddyCli.translate(t);
                }
            } finally {
                StreamExecutionEnvironment.resetContextEnvironment();
            }
            if (executor.plan == null) {
                throw new ProgramException(program.mainClassName() + ".main returned without running a job, so there "
                        + "is no plan: call execute() (or collect(), count(), print()) after defining the program", null);
            }
        }
        out.print(json ? executor.plan + "\n" : render(executor.plan));
        return EddyCli.OK;
    }

    private static PipelineExecutor targetExecutor(Configuration config) {
        String target = config.get(DeploymentOptions.TARGET);
        for (PipelineExecutorFactory factory : ServiceLoader.load(PipelineExecutorFactory.class)) {
            if (factory.name().equals(target)) {
                return factory.getExecutor(config);
            }
        }
        throw new IllegalStateException("target '" + target + "' was checked but has no executor");
    }

    /**
     * The plan as text: one block per operator in topological order with its parallelism, operator,
     * local strategy and estimates, then one line per input with its ship strategy, then the
     * optimizer's notes.
     */
    static String render(String planJson) {
        JsonNode plan;
        try {
            plan = new ObjectMapper().readTree(planJson);
        } catch (IOException e) {
            throw new IllegalStateException("The execution plan is not JSON: " + planJson, e);
        }
        Map<Integer, String> names = new HashMap<>();
        plan.get("nodes").forEach(n -> names.put(n.get("id").asInt(), n.get("name").asText()));
        StringBuilder text = new StringBuilder();
        for (JsonNode node : plan.get("nodes")) {
            text.append('#').append(node.get("id").asInt()).append(' ').append(node.get("name").asText())
                    .append("  [").append(node.path("operator").asText(node.get("type").asText()))
                    .append(", parallelism ").append(node.get("parallelism").asInt()).append(']');
            if (node.has("localStrategy")) {
                text.append("\n    local strategy: ").append(node.get("localStrategy").asText());
            }
            long records = node.path("estimatedRecords").asLong(-1);
            long bytes = node.path("estimatedBytes").asLong(-1);
            if (records >= 0 || bytes >= 0) {
                text.append("\n    estimated: ").append(records >= 0 ? records + " records" : "? records")
                        .append(", ").append(bytes >= 0 ? bytes + " bytes" : "? bytes");
            }
            for (JsonNode input : node.get("inputs")) {
                int from = input.get("id").asInt();
                text.append("\n    input from #").append(from).append(' ').append(names.get(from)).append(": ")
                        .append(input.path("ship").asText(input.get("exchange").asText()))
                        .append(input.get("chained").asBoolean() ? " (chained)"
                                : input.has("mode") ? " (" + input.get("mode").asText().toLowerCase(java.util.Locale.ROOT) + ")" : "");
            }
            for (JsonNode note : node.path("notes")) {
                text.append("\n    note: ").append(note.asText());
            }
            text.append('\n');
        }
        return text.toString();
    }
}
