package io.eddy.runtime.translation;

import io.eddy.api.connector.source.Boundedness;
import io.eddy.api.connector.source.Source;
import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.execution.JobId;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.partitioning.BroadcastPartitioner;
import io.eddy.api.partitioning.ForwardPartitioner;
import io.eddy.api.partitioning.KeyGroupPartitioner;
import io.eddy.api.partitioning.RebalancePartitioner;
import io.eddy.api.partitioning.StreamPartitioner;
import io.eddy.api.pipeline.Pipeline;
import io.eddy.api.transformations.ChainingStrategy;
import io.eddy.api.transformations.IterationHeadTransformation;
import io.eddy.api.transformations.OneInputTransformation;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.PartitionTransformation;
import io.eddy.api.transformations.SideOutputTransformation;
import io.eddy.api.transformations.SolutionSetTransformation;
import io.eddy.api.transformations.SourceTransformation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.transformations.TwoInputTransformation;
import io.eddy.api.transformations.UnionTransformation;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.jobgraph.ChainConfig;
import io.eddy.runtime.jobgraph.CoLocationGroup;
import io.eddy.runtime.jobgraph.ExchangeMode;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.jobgraph.SerializedObjects;
import io.eddy.runtime.iteration.Feedback;
import io.eddy.runtime.iteration.IterationOperators;
import io.eddy.runtime.iteration.IterationSpec;
import io.eddy.runtime.operators.TimestampsAndWatermarksOperator;
import io.eddy.runtime.operators.broadcast.BroadcastSetSerializer;
import io.eddy.runtime.operators.broadcast.BroadcastSetsOperator;
import io.eddy.runtime.operators.sortedinput.FinalReduceOperator;
import io.eddy.runtime.operators.sortedinput.SortedInputOperator;
import io.eddy.runtime.scheduler.PipelinedRegions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a {@link Pipeline} (the transformations of a program) into a {@link JobGraph}.
 *
 * <ol>
 *   <li>Each operation becomes its operator ({@link OperatorTranslator}).
 *   <li>Operators (sources, one- and two-input operators, sinks) become nodes; partitioning and
 *       union transformations become properties of the edges between nodes.
 *   <li>An edge is <em>chained</em> when it forwards between equal parallelisms into an operator with
 *       a single input and neither side forbids chaining; chained operators call each other directly.
 *   <li>Each maximal chain becomes a {@link JobVertex}; the remaining edges become {@link JobEdge}s.
 * </ol>
 *
 * <p>Broadcast sets ({@code withBroadcastSet}) become broadcast edges into the operator, decoded as
 * {@code BroadcastElement}s, and the operator runs inside a {@link BroadcastSetsOperator}.
 *
 * <p>An iteration becomes a head (its initial inputs in, the step function's input and the result
 * out), the step function's operators, each run once per superstep by a {@code SuperstepOperator},
 * and tails that feed back into the head: one job, deployed once. The iteration's vertices form a
 * {@link CoLocationGroup}: the head, step function and tails of each subtask run in one slot, where the
 * feedback stays in memory (see {@code io.eddy.runtime.iteration}), and the subtasks spread over the
 * TaskManagers. The step function runs with the iteration's
 * parallelism unless an operation sets its own; its data sets cannot be used after the iteration,
 * only the result.
 */
public final class JobGraphCompiler {
    private final ExecutionConfig executionConfig;
    private final int defaultParallelism;
    private final int defaultMaxParallelism;
    private final Map<Transformation<?>, Node> nodes = new LinkedHashMap<>();

    private final Pipeline pipeline;
    /** Marks a transformation of no iteration's step function in {@link #iterationOf}. */
    private static final Object OUTSIDE = new Object();
    /** The iteration whose step function each transformation belongs to, or {@link #OUTSIDE}. */
    private final Map<Transformation<?>, Object> iterationOf = new IdentityHashMap<>();
    private final Map<IterationHeadTransformation<?>, IterationSpec> iterations = new IdentityHashMap<>();
    private double memoryShare = -1;
    /** The batch optimizer's choices, once the nodes are built. */
    private BatchOptimizer.Plan plan;
    /** Whether the program runs in BATCH mode ({@link RuntimeModes}), once the nodes are built. */
    private boolean batchMode;

    private JobGraphCompiler(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.executionConfig = pipeline.executionConfig();
        this.defaultParallelism = pipeline.defaultParallelism();
        this.defaultMaxParallelism = pipeline.defaultMaxParallelism();
    }

    /** The slot share of an operator that is handed its whole input by the sort before it: one page or so. */
    private static final double WHOLE_INPUT_SHARE = 0.01;

    /**
     * The share of a slot's managed memory each memory user of the job gets. A slot runs one subtask of
     * every operator and they all hold their memory until their input ends, so the sorts, hash tables,
     * iteration parts and arrival-order buffers (a {@code mapPartition}, kept in memory while it fits)
     * split the slot evenly; a {@code mapPartition} that a chained sort hands its sorted input as a whole
     * holds nothing, so it takes a sliver, not an equal part it would leave unused while the sort
     * before it spills for lack of it.
     */
    private double batchMemoryShare() {
        if (memoryShare < 0) {
            long users = nodes.values().stream().mapToInt(this::memoryUsers).sum();
            long whole = nodes.values().stream().filter(this::takesInputWhole).count();
            memoryShare = (1.0 - whole * WHOLE_INPUT_SHARE) / Math.max(1, users);
        }
        return memoryShare;
    }

    /** The share of the batch operator of {@code n}: a sliver when it takes its input whole, else an equal part. */
    private double batchMemoryShare(Node n) {
        return takesInputWhole(n) ? WHOLE_INPUT_SHARE : batchMemoryShare();
    }

    /**
     * Whether {@code n} is a {@code mapPartition} whose only input is a chained sort with no other
     * consumer: the sort hands it the sorted records at once (a {@code WholeInputOperator}), so it
     * buffers nothing. Known once the chains are built.
     */
    private boolean takesInputWhole(Node n) {
        if (!(n.operation instanceof Operation.SortGroupReduce<?, ?> reduce) || reduce.keys() != null || n.in.size() != 1
                || n.chain == null
                || iterationOf(n.transformation) != null || !n.transformation.getBroadcastInputs().isEmpty()) {
            return false;
        }
        Edge in = n.in.get(0);
        return in.chained() && in.from.operation instanceof Operation.SortPartition<?> && in.from.out.size() == 1;
    }

    /** How many shares of managed memory the operator of {@code n} takes (its parts each take one). */
    private int memoryUsers(Node n) {
        Transformation<?> t = n.transformation;
        int users = n.operation instanceof Operation.Batch && !takesInputWhole(n)
                && !(n.operation instanceof Operation.SortedReduce<?>) || sortsInput(n)
                || n.operation instanceof Operation.SolutionSetCoGroup<?, ?, ?> ? 1 : 0;
        if (t instanceof IterationHeadTransformation<?>) {
            users++;
        }
        if (t instanceof IterationTailTransformation tail && IterationOperators.tailUsesMemory(tail.getKind())) {
            users++;
        }
        if (!t.getBroadcastInputs().isEmpty()) {
            users++;
        }
        IterationHeadTransformation<?> iteration = iterationOf(t);
        if (iteration != null && !(t instanceof IterationTailTransformation)) {
            StaticInputs statics = staticInputs(n, iteration);
            if (IterationOperators.keepsStaticInput(statics.inputs(), statics.broadcastSets())) {
                users++;
            }
        }
        return users;
    }

    private static Operation operationOf(Transformation<?> t) {
        if (t instanceof OneInputTransformation<?, ?> one) {
            return one.getOperation();
        }
        return t instanceof TwoInputTransformation<?, ?, ?> two ? two.getOperation() : null;
    }

    /** The job graph of {@code pipeline}, with a new job id. */
    public static JobGraph compile(Pipeline pipeline) {
        return new JobGraphCompiler(pipeline).compile();
    }

    /** A JSON description of the operators of {@code pipeline}, their parallelism, exchanges and chaining. */
    public static String executionPlan(Pipeline pipeline) {
        return new JobGraphCompiler(pipeline).executionPlan();
    }

    /** An operator of the program with its resolved parallelism and edges. */
    static final class Node {
        final Transformation<?> transformation;
        final int parallelism;
        final int maxParallelism;
        final List<Edge> in = new ArrayList<>();
        final List<Edge> out = new ArrayList<>();
        /** What the operator runs: the transformation's operation, or the one the batch optimizer chose for it. */
        Operation operation;
        Chain chain;
        int indexInChain;

        Node(Transformation<?> transformation, int parallelism, int maxParallelism) {
            this.transformation = transformation;
            this.parallelism = parallelism;
            this.maxParallelism = maxParallelism;
            this.operation = operationOf(transformation);
        }

        String name() {
            return transformation.getName();
        }
    }

    /** A data path between two operators. */
    static final class Edge {
        final Node from;
        final Node to;
        /** How records are spread over the consumer's subtasks; the batch optimizer may change it before chaining. */
        StreamPartitioner<?> partitioner;
        final int logicalInput;
        /** The side output this edge carries, or null for the main output. */
        final OutputTag<?> tag;
        /** The number of the broadcast set of the consumer this edge carries, or -1. */
        final int broadcastSet;
        int vertexOutput = -1;

        Edge(Node from, Node to, StreamPartitioner<?> partitioner, int logicalInput, OutputTag<?> tag, int broadcastSet) {
            this.from = from;
            this.to = to;
            this.partitioner = partitioner;
            this.logicalInput = logicalInput;
            this.tag = tag;
            this.broadcastSet = broadcastSet;
        }

        TypeInfo<?> type() {
            return tag != null ? tag.getType() : outputType(from);
        }

        boolean chained() {
            return from.chain == to.chain;
        }
    }

    /** A chain under construction: its nodes in topological order. */
    private static final class Chain {
        final List<Node> members = new ArrayList<>();
        final List<Edge> inputs = new ArrayList<>();
        final List<Edge> outputs = new ArrayList<>();
        String vertexId;
    }

    /** The program's operators in topological order, with the batch optimizer's choices applied. */
    private List<Node> buildNodes() {
        for (Transformation<?> sink : pipeline.sinks()) {
            checkOutsideIterations(sink);
            nodeFor(sink);
        }
        List<Node> ordered = new ArrayList<>(nodes.values());
        ordered.sort(Comparator.comparingInt(n -> n.transformation.getId()));
        plan = BatchOptimizer.optimize(ordered, this::staticIntoIteration);
        nodes.values().removeIf(n -> !ordered.contains(n));
        batchMode = RuntimeModes.isBatch(executionConfig, nodes.keySet());
        return ordered;
    }

    private JobGraph compile() {
        List<Node> ordered = buildNodes();
        List<Chain> chains = buildChains(ordered);
        List<JobVertex> vertices = new ArrayList<>();
        for (int i = 0; i < chains.size(); i++) {
            chains.get(i).vertexId = "v" + (i + 1);
        }
        for (Chain chain : chains) {
            vertices.add(createVertex(chain));
        }
        JobId jobId = JobId.generate();
        if (!isBatchJob()) {
            return connect(jobId, chains, vertices, e -> ExchangeMode.PIPELINED);
        }
        JobGraph chosen = connect(jobId, chains, vertices, this::batchModeOf);
        try {
            PipelinedRegions.of(chosen);
            return chosen;
        } catch (IllegalArgumentException unschedulable) {
            for (JobVertex v : vertices) {
                v.getInputs().clear();
                v.getOutputs().clear();
            }
            return connect(jobId, chains, vertices, e -> insideIteration(e) ? ExchangeMode.PIPELINED : ExchangeMode.BLOCKING);
        }
    }

    /** Whether {@code e} runs inside an iteration: from its head's step function input or its step function on. */
    private boolean insideIteration(Edge e) {
        IterationHeadTransformation<?> iteration = iterationOf(e.to.transformation);
        return iteration != null && (e.from.transformation == iteration ? e.tag == null
                : iterationOf(e.from.transformation) == iteration);
    }

    /** See {@link BatchExchanges}; every job in BATCH mode is one. */
    private boolean isBatchJob() {
        if (batchMode) {
            return true;
        }
        boolean allBounded = nodes.keySet().stream().allMatch(t -> !(t instanceof SourceTransformation<?> s)
                || s.getSource().getBoundedness() == Boundedness.BOUNDED);
        boolean batchOperation = nodes.keySet().stream().anyMatch(t -> operationOf(t) instanceof Operation.Batch);
        return BatchExchanges.isBatchJob(executionConfig.getCheckpointConfig().isCheckpointingEnabled(), allBounded,
                batchOperation);
    }

    /** The mode of {@code e} in a batch job, as the plan shows it and the job graph first tries it. */
    private ExchangeMode batchModeOf(Edge e) {
        if (insideIteration(e)) {
            return ExchangeMode.PIPELINED; // an iteration's step function runs all its supersteps at once
        }
        return BatchExchanges.modeOf(e.partitioner.isPointwise(),
                operationOf(e.to.transformation) instanceof Operation.Batch || sortsInput(e.to), e.from.out.size());
    }

    /** Joins the vertices by the chains' network edges, each with the exchange mode {@code mode} gives it. */
    private JobGraph connect(JobId jobId, List<Chain> chains, List<JobVertex> vertices, Function<Edge, ExchangeMode> mode) {
        Map<String, JobVertex> byId = new LinkedHashMap<>();
        vertices.forEach(v -> byId.put(v.getId(), v));
        for (Chain chain : chains) {
            for (int i = 0; i < chain.inputs.size(); i++) {
                Edge e = chain.inputs.get(i);
                JobEdge edge = new JobEdge(e.from.chain.vertexId, chain.vertexId, e.vertexOutput, i,
                        e.partitioner.name(), e.partitioner.isPointwise(), mode.apply(e));
                byId.get(chain.vertexId).getInputs().add(edge);
                byId.get(e.from.chain.vertexId).getOutputs().add(edge);
            }
        }
        for (JobVertex v : vertices) {
            v.getOutputs().sort(Comparator.comparingInt(JobEdge::producerOutput));
        }
        return new JobGraph(jobId, pipeline.jobName(), executionConfig, vertices);
    }

    private String executionPlan() {
        List<Node> ordered = buildNodes();
        buildChains(ordered);
        boolean batchJob = isBatchJob();
        StringBuilder json = new StringBuilder("{\"nodes\":[");
        for (int i = 0; i < ordered.size(); i++) {
            Node n = ordered.get(i);
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(n.transformation.getId())
                    .append(",\"type\":").append(quote(kind(n)))
                    .append(",\"name\":").append(quote(n.name()))
                    .append(",\"parallelism\":").append(n.parallelism);
            if (n.operation != null) {
                json.append(",\"operator\":").append(quote(n.operation.getClass().getSimpleName()));
            }
            plan.describe(n, json);
            if (sortsInput(n)) {
                json.append(",\"localStrategy\":").append(quote(n.operation instanceof Operation.Reduce<?>
                        ? "SORTED_KEYED_INPUT (reducing while sorting, one result per key)" : "SORTED_KEYED_INPUT"));
            }
            if (n.transformation.getUid() != null) {
                json.append(",\"uid\":").append(quote(n.transformation.getUid()));
            }
            json.append(",\"inputs\":[");
            for (int j = 0; j < n.in.size(); j++) {
                Edge e = n.in.get(j);
                json.append(j == 0 ? "" : ",").append("{\"id\":").append(e.from.transformation.getId())
                        .append(",\"exchange\":").append(quote(e.partitioner.name()))
                        .append(e.tag == null ? "" : ",\"sideOutput\":" + quote(e.tag.getId()))
                        .append(",\"chained\":").append(e.chained())
                        .append(",\"ship\":").append(quote(e.partitioner.toString()));
                if (!e.chained()) {
                    json.append(",\"mode\":").append(quote((batchJob ? batchModeOf(e) : ExchangeMode.PIPELINED).name()));
                }
                json.append('}');
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    private static String kind(Node n) {
        if (n.transformation instanceof SourceTransformation) {
            return "source";
        }
        return n.out.isEmpty() ? "sink" : "operator";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    // ---------------------------------------------------------------- nodes and edges

    private Node nodeFor(Transformation<?> t) {
        Node existing = nodes.get(t);
        if (existing != null) {
            return existing;
        }
        if (t instanceof IterationHeadTransformation<?> head) {
            checkIteration(head);
        }
        int maxParallelism = t.getMaxParallelism() > 0 ? t.getMaxParallelism() : defaultMaxParallelism;
        Node node = new Node(t, resolveParallelism(t), maxParallelism);
        nodes.put(t, node);
        if (t instanceof OneInputTransformation<?, ?> one) {
            connect(one.getInput(), node, null, 0, null);
            connectBroadcastSets(node, 0);
            checkKeyed(node, one.getKeySelector() != null);
        } else if (t instanceof TwoInputTransformation<?, ?, ?> two) {
            connect(two.getInput1(), node, null, 0, null);
            connect(two.getInput2(), node, null, 1, null);
            connectBroadcastSets(node, 1);
            checkKeyed(node, two.getKeySelector1() != null);
        } else if (t instanceof IterationHeadTransformation<?> head) {
            connect(head.getInitial(), node, null, 0, null);
            if (head.getInitialWorkset() != null) {
                connect(head.getInitialWorkset(), node, null, 1, null);
            }
            addTails(head, node);
        } else if (t instanceof IterationTailTransformation tail) {
            connect(tail.getInput(), node, null, 0, null);
        } else if (!(t instanceof SourceTransformation)) {
            throw new IllegalStateException("Not an operator: " + t);
        }
        return node;
    }

    /** Broadcast sets arrive on the operator's last logical input, each decoded as its own set. */
    private void connectBroadcastSets(Node node, int logicalInput) {
        int set = 0;
        for (Transformation<?> broadcast : node.transformation.getBroadcastInputs().values()) {
            connect(broadcast, node, new BroadcastPartitioner<>(), logicalInput, null, set++);
        }
    }

    // ---------------------------------------------------------------- iterations

    /** The iteration whose step function {@code t} belongs to (it depends on the iteration's head), or null. */
    private IterationHeadTransformation<?> iterationOf(Transformation<?> t) {
        Object known = iterationOf.get(t);
        if (known != null) {
            return known == OUTSIDE ? null : (IterationHeadTransformation<?>) known;
        }
        IterationHeadTransformation<?> found = null;
        if (t instanceof IterationTailTransformation tail) {
            found = tail.getIteration();
        } else if (t instanceof SolutionSetTransformation<?> set) {
            found = set.getIteration();
        } else if (!(t instanceof IterationHeadTransformation<?>)
                && !(t instanceof SideOutputTransformation<?> side && side.getInput() instanceof IterationHeadTransformation<?>)) {
            // a head's inputs lie before its iteration, its result after it
            List<Transformation<?>> inputs = new ArrayList<>(t.getInputs());
            inputs.addAll(t.getBroadcastInputs().values());
            for (Transformation<?> input : inputs) {
                IterationHeadTransformation<?> of = input instanceof IterationHeadTransformation<?> head ? head : iterationOf(input);
                if (of != null && found != null && of != found) {
                    throw new InvalidProgramException("'" + t.getName() + "' combines data sets of two iterations, "
                            + found.describe() + " and " + of.describe() + ": an operation belongs to one step function. "
                            + "Use the result of one iteration (what closeWith returns) in the other.");
                }
                if (of != null) {
                    found = of;
                }
            }
        }
        iterationOf.put(t, found == null ? OUTSIDE : found);
        return found;
    }

    /** A sink is never part of a step function: its input would be a data set used outside its iteration. */
    private void checkOutsideIterations(Transformation<?> sink) {
        IterationHeadTransformation<?> iteration = iterationOf(sink);
        if (iteration == null) {
            return;
        }
        if (!iteration.isClosed()) {
            throw notClosed(iteration);
        }
        throw new InvalidProgramException("'" + sink.getName() + "' uses a data set of the step function of "
                + iteration.describe() + " outside the iteration: after an iteration only its result, what closeWith(...) "
                + "returns, can be used.");
    }

    private static InvalidProgramException notClosed(IterationHeadTransformation<?> iteration) {
        return new InvalidProgramException(iteration.describe().substring(0, 1).toUpperCase() + iteration.describe().substring(1)
                + " is never closed: end its step function with closeWith(...), and use the data set closeWith returns "
                + "after the iteration.");
    }

    private void checkIteration(IterationHeadTransformation<?> head) {
        if (!head.isClosed()) {
            throw notClosed(head);
        }
        for (Transformation<?> input : head.getInputs()) {
            IterationHeadTransformation<?> outer = input instanceof IterationHeadTransformation<?> h ? h : iterationOf(input);
            if (outer != null) {
                throw new InvalidProgramException(head.describe() + " starts inside the step function of " + outer.describe()
                        + ": nested iterations are not supported. Run the inner iteration before or after the outer one.");
            }
        }
    }

    /** The tails of {@code head}'s iteration: where the step function's outputs go back to the head. */
    private void addTails(IterationHeadTransformation<?> head, Node headNode) {
        iterations.put(head, IterationOperators.spec(head, headNode.parallelism));
        if (head.getKind() == IterationHeadTransformation.Kind.BULK) {
            addTail(head, headNode, head.getNextPartialSolution(), Feedback.NEXT_PARTIAL_SOLUTION, "closeWith(nextPartialSolution)");
            if (head.getTerminationCriterion() != null) {
                addTail(head, headNode, head.getTerminationCriterion(), Feedback.TERMINATION_CRITERION,
                        "closeWith(nextPartialSolution, terminationCriterion)'s terminationCriterion");
            }
        } else {
            addTail(head, headNode, head.getSolutionSetDelta(), Feedback.SOLUTION_SET_DELTA, "closeWith(solutionSetDelta, newWorkset)'s delta");
            addTail(head, headNode, head.getNextPartialSolution(), Feedback.WORKSET, "closeWith(solutionSetDelta, newWorkset)'s workset");
        }
    }

    private void addTail(IterationHeadTransformation<?> head, Node headNode, Transformation<?> input, Feedback kind, String what) {
        if (input != head && iterationOf(input) != head) {
            throw new InvalidProgramException("The data set given to " + what + " of " + head.describe() + " is not computed "
                    + "from the iteration's " + (head.getKind() == IterationHeadTransformation.Kind.BULK ? "partial solution"
                    : "workset or solution set") + ": give a data set of the step function.");
        }
        nodeFor(new IterationTailTransformation(head, input, kind, headNode.parallelism));
    }

    /** Whether {@code e} comes from outside {@code iteration}: neither its head nor its step function. */
    private boolean fromOutside(Edge e, IterationHeadTransformation<?> iteration) {
        return e.from.transformation != iteration && iterationOf(e.from.transformation) != iteration;
    }

    /** Whether {@code e} brings a static input (one from outside) into an operator of an iteration's step function. */
    private boolean staticIntoIteration(Edge e) {
        IterationHeadTransformation<?> iteration = iterationOf(e.to.transformation);
        return iteration != null && !(e.to.transformation instanceof IterationTailTransformation) && fromOutside(e, iteration);
    }

    /** Per logical input and per broadcast set of {@code n}, its serializer when it comes from outside {@code iteration}. */
    private record StaticInputs(TypeSerializer<?>[] inputs, TypeSerializer<?>[] broadcastSets) {}

    private StaticInputs staticInputs(Node n, IterationHeadTransformation<?> iteration) {
        SerializerConfig serializers = executionConfig.getSerializerConfig();
        TypeSerializer<?>[] inputs = new TypeSerializer<?>[n.transformation instanceof TwoInputTransformation<?, ?, ?> ? 2 : 1];
        TypeSerializer<?>[] sets = new TypeSerializer<?>[n.transformation.getBroadcastInputs().size()];
        boolean[] dynamicInput = new boolean[inputs.length];
        boolean[] staticInput = new boolean[inputs.length];
        for (Edge e : n.in) {
            boolean dynamic = !fromOutside(e, iteration);
            if (e.broadcastSet >= 0) {
                sets[e.broadcastSet] = dynamic ? null : e.type().createSerializer(serializers);
            } else if (dynamic) {
                dynamicInput[e.logicalInput] = true;
            } else {
                staticInput[e.logicalInput] = true;
                inputs[e.logicalInput] = e.type().createSerializer(serializers);
            }
        }
        for (int i = 0; i < inputs.length; i++) {
            if (dynamicInput[i] && staticInput[i]) {
                throw new InvalidProgramException("Input " + (i + 1) + " of '" + n.name() + "' in the step function of "
                        + iteration.describe() + " is a union of a data set of the step function and one from outside: "
                        + "not supported. Join or co-group the outside data set instead.");
            }
            if (dynamicInput[i]) {
                inputs[i] = null;
            }
        }
        return new StaticInputs(inputs, sets);
    }

    /**
     * The operator of {@code n} as it runs: behind a {@link BroadcastSetsOperator} when it has broadcast
     * sets, and run once per superstep when it belongs to a step function.
     */
    private StreamOperator<?> wrap(Node n, StreamOperator<?> operator) throws IOException {
        Transformation<?> t = n.transformation;
        SerializerConfig serializers = executionConfig.getSerializerConfig();
        int inputs = t instanceof TwoInputTransformation<?, ?, ?> ? 2 : 1;
        if (!t.getBroadcastInputs().isEmpty()) {
            TypeSerializer<?>[] inputSerializers = new TypeSerializer<?>[inputs];
            for (Edge e : n.in) {
                if (e.broadcastSet < 0) {
                    inputSerializers[e.logicalInput] = e.type().createSerializer(serializers);
                }
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            StreamOperator<?> withSets = new BroadcastSetsOperator(operator,
                    t.getBroadcastInputs().keySet().toArray(new String[0]), inputSerializers, batchMemoryShare());
            operator = withSets;
        }
        IterationHeadTransformation<?> iteration = iterationOf(t);
        if (iteration != null && !(t instanceof IterationTailTransformation)) {
            StaticInputs statics = staticInputs(n, iteration);
            operator = IterationOperators.perSuperstep(iterations.get(iteration), operator, statics.inputs(),
                    statics.broadcastSets(), inputs - 1, batchMemoryShare());
        }
        return operator;
    }

    /** Whether {@code n} is a keyed operator of a BATCH mode program, which reads its input sorted by key. */
    private boolean sortsInput(Node n) {
        if (!batchMode || n.operation == null || n.operation instanceof Operation.Batch || iterationOf(n.transformation) != null) {
            return false;
        }
        Transformation<?> t = n.transformation;
        return t instanceof OneInputTransformation<?, ?> one && one.getKeySelector() != null
                || t instanceof TwoInputTransformation<?, ?, ?> two && two.getKeySelector1() != null;
    }

    /**
     * The keyed {@code operator} of {@code n} behind a {@link SortedInputOperator}; a keyed reduce becomes
     * a {@link FinalReduceOperator}, which emits each key's result once, and reduces while sorting.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private StreamOperator<?> onSortedInput(Node n, StreamOperator<?> operator) {
        RuntimeModes.checkKeyType(n.name(), n.transformation instanceof OneInputTransformation<?, ?> one ? one.getKeyType()
                : ((TwoInputTransformation<?, ?, ?>) n.transformation).getKeyType());
        SerializerConfig serializers = executionConfig.getSerializerConfig();
        TypeSerializer<?>[] inputs = new TypeSerializer<?>[2];
        for (Edge e : n.in) {
            if (e.broadcastSet < 0) {
                inputs[e.logicalInput] = e.type().createSerializer(serializers);
            }
        }
        double share = batchMemoryShare();
        if (n.transformation instanceof TwoInputTransformation<?, ?, ?> two) {
            return SortedInputOperator.twoInput((StreamOperator) operator, inputs[0],
                    two.getKeySelector2() == null ? null : inputs[1], share);
        }
        if (n.operation instanceof Operation.Reduce<?> reduce) {
            return SortedInputOperator.oneInput(new FinalReduceOperator(reduce.function()), (TypeSerializer) inputs[0],
                    share, (ReduceFunction) reduce.function());
        }
        return SortedInputOperator.oneInput((StreamOperator) operator, (TypeSerializer) inputs[0], share, null);
    }

    private void checkKeyed(Node node, boolean keyed) {
        if (keyed && node.parallelism > node.maxParallelism) {
            throw new InvalidProgramException("Operator '" + node.name() + "' has parallelism " + node.parallelism
                    + " above its max parallelism " + node.maxParallelism + " (the number of key groups): "
                    + "raise it with setMaxParallelism(...) or lower the parallelism.");
        }
    }

    private int resolveParallelism(Transformation<?> t) {
        IterationHeadTransformation<?> iteration = iterationOf(t);
        if (iteration != null) {
            // the step function runs with the iteration's parallelism unless an operation sets its own (e.g. a
            // reduction of the whole data set runs with 1); a solution set lookup runs where the set's part is
            int p = resolveParallelism(iteration);
            if (t.getParallelism() == Transformation.DEFAULT_PARALLELISM) {
                return p;
            }
            if (t.getParallelism() != p && (operationOf(t) instanceof Operation.SolutionSetJoin<?, ?, ?>
                    || operationOf(t) instanceof Operation.SolutionSetCoGroup<?, ?, ?>)) {
                throw new InvalidProgramException("'" + t.getName() + "' looks up the solution set of " + iteration.describe()
                        + " with parallelism " + t.getParallelism() + ", but the iteration runs with " + p + ": a join or "
                        + "coGroup with the solution set runs with the iteration's parallelism; do not set its own.");
            }
            return t.getParallelism();
        }
        int p = t.getParallelism() == Transformation.DEFAULT_PARALLELISM ? defaultParallelism : t.getParallelism();
        if (t instanceof SourceTransformation<?> s) {
            Source<?, ?> source = s.getSource();
            if (p > source.getMaxParallelism()) {
                if (t.getParallelism() != Transformation.DEFAULT_PARALLELISM) {
                    throw new InvalidProgramException("Source '" + t.getName() + "' supports parallelism at most "
                            + source.getMaxParallelism() + ", but " + p + " was set.");
                }
                p = source.getMaxParallelism();
            }
        }
        return p;
    }

    /**
     * Follows virtual transformations (partitioning, union, side outputs) from {@code input} up to the
     * operators feeding {@code target}.
     */
    private void connect(Transformation<?> input, Node target, StreamPartitioner<?> partitioner, int logicalInput,
            OutputTag<?> tag) {
        connect(input, target, partitioner, logicalInput, tag, -1);
    }

    private void connect(Transformation<?> input, Node target, StreamPartitioner<?> partitioner, int logicalInput,
            OutputTag<?> tag, int broadcastSet) {
        if (input instanceof PartitionTransformation<?> p) {
            // a broadcast set goes to every subtask whatever its data set's partitioning
            connect(p.getInput(), target, partitioner != null ? partitioner : p.getPartitioner(), logicalInput, tag, broadcastSet);
            return;
        }
        if (input instanceof UnionTransformation<?> u) {
            for (Transformation<?> each : u.getUnionInputs()) {
                connect(each, target, partitioner, logicalInput, tag, broadcastSet);
            }
            return;
        }
        if (input instanceof SolutionSetTransformation<?> set) {
            throw new InvalidProgramException("'" + target.name() + "' reads the solution set of " + set.getIteration().describe()
                    + " directly: the step function can only join or coGroup with the solution set on its key, e.g. "
                    + "workset.join(iteration.getSolutionSet()).where(0).equalTo(0).");
        }
        if (input instanceof SideOutputTransformation<?> side) {
            if (tag != null) {
                throw new InvalidProgramException("Side output '" + tag.getId() + "' is taken from side output '"
                        + side.getTag().getId() + "': a side output has no side outputs of its own.");
            }
            connect(side.getInput(), target, partitioner, logicalInput, side.getTag(), broadcastSet);
            return;
        }
        Node from = nodeFor(input);
        StreamPartitioner<?> chosen = partitioner;
        if (chosen == null) {
            chosen = from.parallelism == target.parallelism ? new ForwardPartitioner<>() : new RebalancePartitioner<>();
        } else if (chosen instanceof ForwardPartitioner && from.parallelism != target.parallelism) {
            throw new InvalidProgramException("forward() needs equal parallelism on both sides, but '" + from.name()
                    + "' has " + from.parallelism + " and '" + target.name() + "' has " + target.parallelism
                    + ": use rebalance() or rescale() instead.");
        }
        if (chosen instanceof KeyGroupPartitioner<?, ?> byKey) {
            chosen = byKey.withMaxParallelism(target.maxParallelism);
        }
        Edge edge = new Edge(from, target, chosen, logicalInput, tag, broadcastSet);
        from.out.add(edge);
        target.in.add(edge);
    }

    // ---------------------------------------------------------------- chains

    private List<Chain> buildChains(List<Node> ordered) {
        List<Chain> chains = new ArrayList<>();
        for (Node n : ordered) {
            Edge chainedIn = n.in.size() == 1 && isChainable(n.in.get(0)) ? n.in.get(0) : null;
            if (chainedIn == null) {
                n.chain = new Chain();
                chains.add(n.chain);
            } else {
                n.chain = chainedIn.from.chain;
            }
            n.indexInChain = n.chain.members.size();
            n.chain.members.add(n);
        }
        // inputs and outputs in a deterministic order: by consumer, then by position among its inputs
        for (Node n : ordered) {
            for (Edge e : n.in) {
                if (!e.chained()) {
                    n.chain.inputs.add(e);
                    e.vertexOutput = e.from.chain.outputs.size();
                    e.from.chain.outputs.add(e);
                }
            }
        }
        return chains;
    }

    /**
     * Whether {@code e} can be a chained call. An iteration's head never chains to its input: its task
     * runs every superstep in {@code endInput}, so a task that also ran the operators before it would
     * finish only after the iteration, and its other results (a source the step function also reads)
     * could never be blocking ones the iteration reads first.
     */
    private boolean isChainable(Edge e) {
        return !(e.to.transformation instanceof IterationHeadTransformation<?>)
                && e.partitioner instanceof ForwardPartitioner
                && e.from.parallelism == e.to.parallelism
                && e.to.in.size() == 1
                && e.from.transformation.getChainingStrategy() != ChainingStrategy.NEVER
                && e.to.transformation.getChainingStrategy() == ChainingStrategy.ALWAYS
                && !(e.to.transformation instanceof TwoInputTransformation);
    }

    private JobVertex createVertex(Chain chain) {
        Node head = chain.members.get(0);
        SerializerConfig serializers = executionConfig.getSerializerConfig();
        List<ChainConfig.Node> nodeConfigs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<Edge, Integer> outputIndex = new IdentityHashMap<>();
        for (int i = 0; i < chain.outputs.size(); i++) {
            outputIndex.put(chain.outputs.get(i), i);
        }
        for (Node n : chain.members) {
            List<Integer> chained = new ArrayList<>();
            List<Integer> network = new ArrayList<>();
            Map<String, ChainConfig.SideOutput> sideOutputs = new LinkedHashMap<>();
            for (Edge e : n.out) {
                List<Integer> chainedTargets = chained;
                List<Integer> networkTargets = network;
                if (e.tag != null) {
                    ChainConfig.SideOutput side = sideOutputs.computeIfAbsent(e.tag.getId(), id -> new ChainConfig.SideOutput(
                            id, e.tag.getType().createSerializer(serializers), new ArrayList<>(), new ArrayList<>()));
                    chainedTargets = side.chainedSuccessors();
                    networkTargets = side.networkOutputs();
                }
                if (e.chained()) {
                    chainedTargets.add(e.to.indexInChain);
                } else {
                    networkTargets.add(outputIndex.get(e));
                }
            }
            Transformation<?> t = n.transformation;
            TypeSerializer<?> keySerializer = null;
            StreamOperator<?> operator = null;
            if (t instanceof OneInputTransformation<?, ?> one) {
                operator = batchMode && n.operation instanceof Operation.AssignTimestamps<?> assign
                        ? TimestampsAndWatermarksOperator.finalWatermarkOnly(assign.strategy())
                        : OperatorTranslator.createOperator(n.operation, batchMemoryShare(n));
                keySerializer = one.getKeyType() == null ? null : one.getKeyType().createSerializer(serializers);
            } else if (t instanceof TwoInputTransformation<?, ?, ?> two) {
                operator = OperatorTranslator.createOperator(n.operation, batchMemoryShare(n));
                keySerializer = two.getKeyType() == null ? null : two.getKeyType().createSerializer(serializers);
            } else if (t instanceof IterationHeadTransformation<?> iteration) {
                operator = IterationOperators.head(iterations.get(iteration), iteration, outputType(n).createSerializer(serializers),
                        iteration.getInitialWorkset() == null ? null : iteration.getInitial().getOutputType(), batchMemoryShare());
            } else if (t instanceof IterationTailTransformation tail) {
                operator = IterationOperators.tail(iterations.get(tail.getIteration()), tail.getKind(),
                        outputType(n).createSerializer(serializers), batchMemoryShare());
            }
            if (sortsInput(n)) {
                operator = onSortedInput(n, operator);
            }
            if (operator != null) {
                try {
                    operator = wrap(n, operator);
                } catch (IOException e) {
                    throw new InvalidProgramException("Cannot serialize the operator of '" + n.name() + "': " + e.getMessage()
                            + ". Every function must be Serializable.", e);
                }
            }
            TypeSerializer<?> outputSerializer = chained.isEmpty() && network.isEmpty() ? null
                    : outputType(n).createSerializer(serializers);
            nodeConfigs.add(new ChainConfig.Node(t.getName(), t.getUid(), operator, outputSerializer, chained, network,
                    List.copyOf(sideOutputs.values()), keySerializer));
            names.add(t.getName());
        }
        List<ChainConfig.Input> inputs = new ArrayList<>();
        for (Edge e : chain.inputs) {
            @SuppressWarnings("unchecked")
            TypeSerializer<Object> records = (TypeSerializer<Object>) e.type().createSerializer(serializers);
            inputs.add(new ChainConfig.Input(e.broadcastSet < 0 ? records : new BroadcastSetSerializer(e.broadcastSet, records),
                    e.logicalInput, keySelectorOf(head.transformation, e.logicalInput)));
        }
        List<ChainConfig.Output> outputs = new ArrayList<>();
        for (Edge e : chain.outputs) {
            outputs.add(new ChainConfig.Output(e.type().createSerializer(serializers), e.partitioner));
        }
        Source<?, ?> source = head.transformation instanceof SourceTransformation<?> s ? s.getSource() : null;
        ChainConfig config = new ChainConfig(source, nodeConfigs, inputs, outputs);
        byte[] bytes;
        try {
            bytes = SerializedObjects.serialize(config);
        } catch (IOException e) {
            throw new InvalidProgramException("Cannot serialize the operators of '" + String.join(" -> ", names)
                    + "': " + e.getMessage() + ". Every function, source and sink must be Serializable.", e);
        }
        // the key groups of the vertex's state are those the exchanges into its head partition by
        JobVertex vertex = new JobVertex(chain.vertexId, String.join(" -> ", names), head.parallelism, head.maxParallelism,
                source != null, names, bytes);
        for (Node n : chain.members) {
            IterationHeadTransformation<?> iteration = n.transformation instanceof IterationHeadTransformation<?> h ? h
                    : iterationOf(n.transformation);
            if (iteration != null) {
                vertex.setCoLocationGroup(new CoLocationGroup("iteration-" + iteration.getId(),
                        iterations.get(iteration).parallelism()));
            }
        }
        return vertex;
    }

    private static TypeInfo<?> outputType(Node n) {
        try {
            return n.transformation.getOutputType();
        } catch (InvalidTypesException e) {
            throw new InvalidProgramException(e.getMessage(), e);
        }
    }

    private static KeySelector<?, ?> keySelectorOf(Transformation<?> t, int logicalInput) {
        if (t instanceof OneInputTransformation<?, ?> one) {
            return one.getKeySelector();
        }
        if (t instanceof TwoInputTransformation<?, ?, ?> two) {
            return logicalInput == 0 ? two.getKeySelector1() : two.getKeySelector2();
        }
        return null;
    }
}
