package io.eddy.runtime.translation;

import io.eddy.api.connector.source.Boundedness;
import io.eddy.api.connector.source.Source;
import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.execution.JobId;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.partitioning.ForwardPartitioner;
import io.eddy.api.partitioning.KeyGroupPartitioner;
import io.eddy.api.partitioning.RebalancePartitioner;
import io.eddy.api.partitioning.StreamPartitioner;
import io.eddy.api.pipeline.Pipeline;
import io.eddy.api.transformations.ChainingStrategy;
import io.eddy.api.transformations.OneInputTransformation;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.PartitionTransformation;
import io.eddy.api.transformations.SideOutputTransformation;
import io.eddy.api.transformations.SourceTransformation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.transformations.TwoInputTransformation;
import io.eddy.api.transformations.UnionTransformation;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.jobgraph.ChainConfig;
import io.eddy.runtime.jobgraph.ExchangeMode;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.jobgraph.SerializedObjects;
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
 */
public final class JobGraphCompiler {
    private final ExecutionConfig executionConfig;
    private final int defaultParallelism;
    private final int defaultMaxParallelism;
    private final Map<Transformation<?>, Node> nodes = new LinkedHashMap<>();

    private final Pipeline pipeline;
    /** The batch optimizer's choices, once the nodes are built. */
    private BatchOptimizer.Plan plan;

    private JobGraphCompiler(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.executionConfig = pipeline.executionConfig();
        this.defaultParallelism = pipeline.defaultParallelism();
        this.defaultMaxParallelism = pipeline.defaultMaxParallelism();
    }

    /** The slot share of an operator that only keeps its input in arrival order: at least one page. */
    private static final double ARRIVAL_ORDER_SHARE = 0.01;

    /**
     * The share of a slot's managed memory {@code operation} gets. A slot runs one subtask of every
     * operator and they all hold their memory until their input ends, so the sorts and hash tables split
     * the slot evenly; an operator that only keeps its input in arrival order (a {@code mapPartition})
     * writes it through one page to a spill file, so it takes a sliver, not an equal part it would
     * leave unused while the sort before it spills for lack of it.
     */
    private double batchMemoryShare(Operation operation) {
        if (!(operation instanceof Operation.Batch)) {
            return 0;
        }
        if (buffersInArrivalOrder(operation)) {
            return ARRIVAL_ORDER_SHARE;
        }
        long buffering = 0, working = 0;
        for (Node n : nodes.values()) {
            if (n.operation instanceof Operation.Batch) {
                if (buffersInArrivalOrder(n.operation)) {
                    buffering++;
                } else {
                    working++;
                }
            }
        }
        return (1.0 - buffering * ARRIVAL_ORDER_SHARE) / Math.max(1, working);
    }

    private static boolean buffersInArrivalOrder(Operation operation) {
        return operation instanceof Operation.SortGroupReduce<?, ?> reduce && reduce.keys() == null;
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
        int vertexOutput = -1;

        Edge(Node from, Node to, StreamPartitioner<?> partitioner, int logicalInput, OutputTag<?> tag) {
            this.from = from;
            this.to = to;
            this.partitioner = partitioner;
            this.logicalInput = logicalInput;
            this.tag = tag;
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
            nodeFor(sink);
        }
        List<Node> ordered = new ArrayList<>(nodes.values());
        ordered.sort(Comparator.comparingInt(n -> n.transformation.getId()));
        plan = BatchOptimizer.optimize(ordered);
        nodes.values().removeIf(n -> !ordered.contains(n));
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
        JobGraph chosen = connect(jobId, chains, vertices, JobGraphCompiler::batchModeOf);
        try {
            PipelinedRegions.of(chosen);
            return chosen;
        } catch (IllegalArgumentException unschedulable) {
            for (JobVertex v : vertices) {
                v.getInputs().clear();
                v.getOutputs().clear();
            }
            return connect(jobId, chains, vertices, e -> ExchangeMode.BLOCKING);
        }
    }

    /** See {@link BatchExchanges}. */
    private boolean isBatchJob() {
        boolean allBounded = nodes.keySet().stream().allMatch(t -> !(t instanceof SourceTransformation<?> s)
                || s.getSource().getBoundedness() == Boundedness.BOUNDED);
        boolean batchOperation = nodes.keySet().stream().anyMatch(t -> operationOf(t) instanceof Operation.Batch);
        return BatchExchanges.isBatchJob(executionConfig.getCheckpointConfig().isCheckpointingEnabled(), allBounded,
                batchOperation);
    }

    private static ExchangeMode batchModeOf(Edge e) {
        return BatchExchanges.modeOf(e.partitioner.isPointwise(), operationOf(e.to.transformation) instanceof Operation.Batch,
                e.from.out.size());
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
        int maxParallelism = t.getMaxParallelism() > 0 ? t.getMaxParallelism() : defaultMaxParallelism;
        Node node = new Node(t, resolveParallelism(t), maxParallelism);
        nodes.put(t, node);
        if (t instanceof OneInputTransformation<?, ?> one) {
            connect(one.getInput(), node, null, 0, null);
            checkKeyed(node, one.getKeySelector() != null);
        } else if (t instanceof TwoInputTransformation<?, ?, ?> two) {
            connect(two.getInput1(), node, null, 0, null);
            connect(two.getInput2(), node, null, 1, null);
            checkKeyed(node, two.getKeySelector1() != null);
        } else if (!(t instanceof SourceTransformation)) {
            throw new IllegalStateException("Not an operator: " + t);
        }
        return node;
    }

    private void checkKeyed(Node node, boolean keyed) {
        if (keyed && node.parallelism > node.maxParallelism) {
            throw new InvalidProgramException("Operator '" + node.name() + "' has parallelism " + node.parallelism
                    + " above its max parallelism " + node.maxParallelism + " (the number of key groups): "
                    + "raise it with setMaxParallelism(...) or lower the parallelism.");
        }
    }

    private int resolveParallelism(Transformation<?> t) {
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
        if (input instanceof PartitionTransformation<?> p) {
            connect(p.getInput(), target, partitioner != null ? partitioner : p.getPartitioner(), logicalInput, tag);
            return;
        }
        if (input instanceof UnionTransformation<?> u) {
            for (Transformation<?> each : u.getUnionInputs()) {
                connect(each, target, partitioner, logicalInput, tag);
            }
            return;
        }
        if (input instanceof SideOutputTransformation<?> side) {
            if (tag != null) {
                throw new InvalidProgramException("Side output '" + tag.getId() + "' is taken from side output '"
                        + side.getTag().getId() + "': a side output has no side outputs of its own.");
            }
            connect(side.getInput(), target, partitioner, logicalInput, side.getTag());
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
        Edge edge = new Edge(from, target, chosen, logicalInput, tag);
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

    private boolean isChainable(Edge e) {
        return e.partitioner instanceof ForwardPartitioner
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
                operator = OperatorTranslator.createOperator(n.operation, batchMemoryShare(n.operation));
                keySerializer = one.getKeyType() == null ? null : one.getKeyType().createSerializer(serializers);
            } else if (t instanceof TwoInputTransformation<?, ?, ?> two) {
                operator = OperatorTranslator.createOperator(n.operation, batchMemoryShare(n.operation));
                keySerializer = two.getKeyType() == null ? null : two.getKeyType().createSerializer(serializers);
            }
            TypeSerializer<?> outputSerializer = chained.isEmpty() && network.isEmpty() ? null
                    : outputType(n).createSerializer(serializers);
            nodeConfigs.add(new ChainConfig.Node(t.getName(), t.getUid(), operator, outputSerializer, chained, network,
                    List.copyOf(sideOutputs.values()), keySerializer));
            names.add(t.getName());
        }
        List<ChainConfig.Input> inputs = new ArrayList<>();
        for (Edge e : chain.inputs) {
            inputs.add(new ChainConfig.Input(e.type().createSerializer(serializers), e.logicalInput,
                    keySelectorOf(head.transformation, e.logicalInput)));
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
        return new JobVertex(chain.vertexId, String.join(" -> ", names), head.parallelism, head.maxParallelism,
                source != null, names, bytes);
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
