package io.eddy.runtime.translation;

import io.eddy.api.connector.source.SizeEstimate;
import io.eddy.api.dataset.KeyHashPartitioner;
import io.eddy.api.partitioning.BroadcastPartitioner;
import io.eddy.api.partitioning.ForwardPartitioner;
import io.eddy.api.partitioning.RebalancePartitioner;
import io.eddy.api.partitioning.StreamPartitioner;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.Operation.JoinKind;
import io.eddy.api.transformations.Operation.JoinLocalHint;
import io.eddy.api.transformations.Operation.JoinShipHint;
import io.eddy.api.transformations.SourceTransformation;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.comparators.Comparators;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.runtime.translation.JobGraphCompiler.Edge;
import io.eddy.runtime.translation.JobGraphCompiler.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The batch optimizer: picks the ship strategy of the exchanges into batch operators and the local
 * strategy of the operators, from what is known about their inputs (how they are partitioned already,
 * how large they are estimated to be) and the program's hints. The DataSet API states the program in
 * its plainest form, every keyed operation behind a hash exchange on its key and every join as a
 * logical {@link Operation.EquiJoin}; the optimizer then, per node in topological order:
 *
 * <ul>
 *   <li>ships <b>forward</b> where a hash exchange would repartition data that is already partitioned
 *       by the same keys over the same number of subtasks (a {@link KeyHashPartitioner}'s channel
 *       depends only on the key and the parallelism, so that exchange would send every record to the
 *       subtask it is on): a groupBy after {@code partitionByHash} on its key, a join after groupings on
 *       the join key;
 *   <li>picks a grouped reduce's <b>combiner</b> ({@link Operation.Combine}): by the program's
 *       {@code CombineHint} when it gives one, else a streaming combine ({@link Operation.SortedReduce})
 *       when the input arrives forward sorted by the key (its runs of equal keys reduce as they pass,
 *       with no table and no sort), else a hash combiner (one pass, no sort; partial results leave when
 *       its table fills, and the sort-based reduce after the shuffle completes them, spilling as it must);
 *   <li>drops a combiner whose exchange became forward (the reduce after it sees every record of
 *       a key anyway), and a <b>partition sort</b> whose input arrives forward in that order already (a
 *       sort-based reduce emits its keys in ascending order);
 *   <li>turns a sort-based reduce whose input arrives forward sorted by its key into a <b>sorted
 *       reduce</b> that streams over the groups without sorting again, and one whose input arrives
 *       hash-partitioned by its key but unsorted (after the shuffle) into a <b>hash reduce</b>: a
 *       hash aggregation in managed memory that spills partitions of keys to disk, no sort; unless a
 *       partition sort by the key reads its output (the sort-based reduce delivers that order for free)
 *       or the key has no byte form to compare in a hash table;
 *   <li>picks a join's <b>ship strategy</b>: broadcast one side (the other stays where it is) or
 *       repartition both, whichever costs fewer estimated bytes shipped and built into hash tables
 *       ({@code broadcast: 2 x bytes x subtasks}, as every subtask receives and builds the whole side;
 *       {@code repartition: the bytes of each side not yet partitioned, plus the smaller side built}),
 *       never broadcasting an outer side; and its <b>local strategy</b>: a hybrid hash join building the
 *       broadcast or the smaller side, or a sort-merge join when hinted; in an iteration's step function,
 *       the side from outside the iteration when only one is (its table is then built once and kept
 *       across supersteps). Hints always win.
 * </ul>
 *
 * <p>Size estimates start at the sources ({@link io.eddy.api.connector.source.Source#estimateSize()})
 * and pass through the operators with fixed default selectivities ({@link #FILTER_SELECTIVITY},
 * {@link #GROUPING_REDUCTION}); an unknown size counts as {@link #UNKNOWN_BYTES}. Output partitioning
 * survives only operators that keep the records and their keys (filter, combine, reduce, sort).
 *
 * <p>Iterations are not planned yet: a node whose operation this class does not know (an iteration
 * head or tail, a user's operator) is treated as arbitrarily partitioned and of unknown size, and its
 * exchanges stay as the API stated them; the producer of a feedback edge counts as unknown
 * ({@link #choiceOf}). Planning an iteration means running {@link #planNode} over the step function's
 * nodes with the head's properties as a fixed point; that is the seam.
 *
 * <p>Runs once per compilation in the compiling thread; not thread-safe.
 */
final class BatchOptimizer {
    /** The share of records a filter is assumed to keep. */
    static final double FILTER_SELECTIVITY = 0.5;
    /** Records per input record assumed to leave a grouping (ten records per key). */
    static final double GROUPING_REDUCTION = 0.1;
    /** The size assumed for an input that does not know its size: large enough not to be broadcast lightly. */
    static final long UNKNOWN_BYTES = 1L << 30;
    /** The width assumed for a record of a variable-length type. */
    static final int VARIABLE_RECORD_BYTES = 32;

    /** What is known of a node whose producer has not been planned: nothing (never changed). */
    private static final Choice UNKNOWN = new Choice();

    private final Map<Node, Choice> choices = new IdentityHashMap<>();
    /** Whether an edge brings a static input into an iteration's step function: from outside it, the same every superstep. */
    private final Predicate<Edge> staticIntoIteration;
    /** The nodes planned as a grouped reduce's combiner, whatever operator they became. */
    private final Set<Node> combiners = Collections.newSetFromMap(new IdentityHashMap<>());

    private BatchOptimizer(Predicate<Edge> staticIntoIteration) {
        this.staticIntoIteration = staticIntoIteration;
    }

    /** What the optimizer knows and chose for one node. */
    private static final class Choice {
        long records = SizeEstimate.UNKNOWN;
        long bytes = SizeEstimate.UNKNOWN;
        /** How the node's output is partitioned over its subtasks, or null when arbitrarily. */
        KeyHashPartitioner<?> partitioning;
        /** The order of each subtask's output, or null when none is known. */
        SortOrder order;
        String localStrategy;
        final List<String> notes = new ArrayList<>();
    }

    /** Each subtask's records sorted by these fields in these directions (the operators' comparators). */
    private record SortOrder(KeyFields fields, boolean[] ascending) {
        /** True when equal keys of {@code keys} are consecutive in this order: its first fields are those keys. */
        boolean groups(KeyFields keys) {
            boolean[] anyDirection = new boolean[keys.size()];
            for (int i = 0; i < anyDirection.length; i++) {
                anyDirection[i] = i < ascending.length && ascending[i];
            }
            return implies(keys, anyDirection);
        }

        /** True when records in this order are also in {@code wanted}'s: its fields and directions come first here. */
        boolean implies(KeyFields wantedFields, boolean[] wantedAscending) {
            if (fields.byPosition() != wantedFields.byPosition() || wantedFields.size() > fields.size()) {
                return false;
            }
            for (int i = 0; i < wantedFields.size(); i++) {
                boolean sameField = fields.byPosition() ? fields.positions()[i] == wantedFields.positions()[i]
                        : fields.names()[i].equals(wantedFields.names()[i]);
                if (!sameField || ascending[i] != wantedAscending[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The choices made for a program, to describe in its execution plan. */
    static final class Plan {
        private final Map<Node, Choice> choices;

        private Plan(Map<Node, Choice> choices) {
            this.choices = choices;
        }

        /** Appends the node's local strategy, estimates and the optimizer's notes as JSON fields. */
        void describe(Node node, StringBuilder json) {
            Choice c = choices.get(node);
            if (c == null) {
                return;
            }
            if (c.localStrategy != null) {
                json.append(",\"localStrategy\":").append(JobGraphCompiler.quote(c.localStrategy));
            }
            json.append(",\"estimatedRecords\":").append(c.records).append(",\"estimatedBytes\":").append(c.bytes);
            if (!c.notes.isEmpty()) {
                json.append(",\"notes\":[");
                for (int i = 0; i < c.notes.size(); i++) {
                    json.append(i == 0 ? "" : ",").append(JobGraphCompiler.quote(c.notes.get(i)));
                }
                json.append(']');
            }
        }
    }

    /**
     * Applies the optimizer's choices to {@code ordered} (the program's nodes in topological order):
     * changes partitioners and operations in place and removes the nodes it drops from the list.
     */
    static Plan optimize(List<Node> ordered, Predicate<Edge> staticIntoIteration) {
        BatchOptimizer optimizer = new BatchOptimizer(staticIntoIteration);
        for (Node node : new ArrayList<>(ordered)) {
            optimizer.planNode(node, ordered);
        }
        return new Plan(optimizer.choices);
    }

    private void planNode(Node node, List<Node> ordered) {
        Choice choice = new Choice();
        choices.put(node, choice);
        if (node.transformation instanceof SourceTransformation<?> source) {
            SizeEstimate size = source.getSource().estimateSize();
            setSize(choice, size.records(), size.bytes(), node);
            return;
        }
        if (node.operation instanceof Operation.EquiJoin<?, ?, ?> join) {
            planJoin(node, join, choice);
        } else if (node.operation instanceof Operation.Combine<?> combine) {
            if (!planCombine(node, combine, choice, ordered)) {
                return;
            }
        } else {
            for (Edge e : node.in) {
                if (shipsForwardAlready(e)) {
                    forward(e, choice);
                    if (dropCombiner(e, ordered)) {
                        choice.notes.add("combiner '" + e.from.name() + "' dropped: no shuffle follows it, and this "
                                + "operator reduces every record of a key anyway");
                    }
                }
            }
            if (dropSortOfSortedInput(node, ordered)) {
                return;
            }
            reduceSortedInputWithoutSort(node, choice);
            reduceByHash(node, choice);
        }
        choice.localStrategy = combiners.contains(node) ? combineStrategy(node.operation) : localStrategy(node.operation);
        noteStaticSortedSide(node, choice);
        estimate(node, choice);
        choice.partitioning = outputPartitioning(node);
        choice.order = outputOrder(node);
    }

    /** A sort-merge join or coGroup in a step function sorts a static side once and keeps it (KeepsStaticInput). */
    private void noteStaticSortedSide(Node node, Choice choice) {
        if (!(node.operation instanceof Operation.SortMergeCoGroup<?, ?, ?>)) {
            return;
        }
        for (int side = 0; side < 2; side++) {
            List<Edge> edges = inputs(node, side);
            if (!edges.isEmpty() && edges.stream().allMatch(staticIntoIteration)) {
                choice.notes.add("the " + (side == 0 ? "first" : "second") + " side is static in the iteration: "
                        + "sorted once and merged, kept sorted, every superstep");
                return;
            }
        }
    }

    /** The order of the node's output: that of a sort or sort-based reduce, kept by a forward filter or sorted reduce. */
    private SortOrder outputOrder(Node node) {
        if (node.operation instanceof Operation.SortPartition<?> sort) {
            return new SortOrder(sort.order(), sort.ascending());
        }
        if (node.operation instanceof Operation.SortedReduce<?> && node.in.size() == 1) {
            return choiceOf(node.in.get(0).from).order;
        }
        if (node.operation instanceof Operation.SortReduce<?> reduce && reduce.keys() != null) {
            boolean[] ascending = new boolean[reduce.keys().size()];
            Arrays.fill(ascending, true);
            return new SortOrder(reduce.keys(), ascending);
        }
        if (node.operation instanceof Operation.Filter<?> && node.in.size() == 1 && node.in.get(0).tag == null
                && node.in.get(0).partitioner instanceof ForwardPartitioner<?>) {
            return choiceOf(node.in.get(0).from).order;
        }
        return null;
    }

    /**
     * Removes a partition sort whose input arrives forward in that order already (e.g. the key order of a
     * sort-based reduce): its consumers read the input directly, in the same order.
     */
    private boolean dropSortOfSortedInput(Node sort, List<Node> ordered) {
        if (!(sort.operation instanceof Operation.SortPartition<?> wanted) || sort.in.size() != 1) {
            return false;
        }
        Edge into = sort.in.get(0);
        SortOrder existing = choiceOf(into.from).order;
        if (into.tag != null || !(into.partitioner instanceof ForwardPartitioner<?>) || existing == null
                || !existing.implies(wanted.order(), wanted.ascending()) || sort.out.stream().anyMatch(e -> e.tag != null)) {
            return false;
        }
        Node input = into.from;
        int at = input.out.indexOf(into);
        input.out.remove(at);
        for (Edge out : sort.out) {
            Edge bypass = new Edge(input, out.to, out.partitioner, out.logicalInput, out.tag, out.broadcastSet);
            input.out.add(at++, bypass);
            out.to.in.set(out.to.in.indexOf(out), bypass);
        }
        ordered.remove(sort);
        choices.remove(sort);
        choiceOf(input).notes.add("output is sorted by " + existing.fields() + " already: the partition sort '"
                + sort.name() + "' after it is dropped");
        return true;
    }

    /**
     * What is known of a producer: planned before its consumers in topological order, except across a
     * feedback edge (an iteration's tail feeding its head), whose producer counts as unknown.
     */
    private Choice choiceOf(Node producer) {
        Choice c = choices.get(producer);
        return c != null ? c : UNKNOWN;
    }

    // ---------------------------------------------------------------- partitioning

    /** True when {@code e} hash-partitions data that its producer's subtasks already hold partitioned that way. */
    private boolean shipsForwardAlready(Edge e) {
        if (!(e.partitioner instanceof KeyHashPartitioner<?> wanted) || e.tag != null || e.from.parallelism != e.to.parallelism) {
            return false;
        }
        KeyHashPartitioner<?> existing = choiceOf(e.from).partitioning;
        return existing != null && existing.samePartitioning(wanted);
    }

    private void forward(Edge e, Choice consumer) {
        consumer.notes.add("input " + e.logicalInput + " from '" + e.from.name() + "' is partitioned by "
                + choiceOf(e.from).partitioning + " already: ships forward");
        e.partitioner = new ForwardPartitioner<>();
    }

    /**
     * When {@code e} (now forward) comes out of a combiner that feeds only it, removes the combiner: its
     * input edge then leads straight to {@code e}'s consumer, shipping as it did into the combiner.
     */
    private boolean dropCombiner(Edge e, List<Node> ordered) {
        Node combiner = e.from;
        if (!combiners.contains(combiner) || combiner.out.size() != 1 || combiner.in.size() != 1) {
            return false;
        }
        Edge into = combiner.in.get(0);
        bypass(combiner, into.partitioner, ordered);
        return true;
    }

    /**
     * Removes {@code node}, of one input and one output: its input's producer then feeds its consumer
     * directly, through {@code partitioner}.
     */
    private void bypass(Node node, StreamPartitioner<?> partitioner, List<Node> ordered) {
        Edge into = node.in.get(0);
        Edge out = node.out.get(0);
        Edge merged = new Edge(into.from, out.to, partitioner, out.logicalInput, into.tag, out.broadcastSet);
        into.from.out.set(into.from.out.indexOf(into), merged);
        out.to.in.set(out.to.in.indexOf(out), merged);
        ordered.remove(node);
        choices.remove(node);
        combiners.remove(node);
    }

    // ---------------------------------------------------------------- grouped reduces

    /**
     * Picks the operator of a grouped reduce's combiner, or removes it for {@code NONE}; returns false
     * when it removed it.
     */
    private boolean planCombine(Node node, Operation.Combine<?> combine, Choice choice, List<Node> ordered) {
        Operation.CombineStrategy strategy = combine.strategy();
        if (strategy == Operation.CombineStrategy.NONE && node.in.size() == 1 && node.out.size() == 1) {
            Choice producer = choices.get(node.in.get(0).from);
            if (producer != null) {
                producer.notes.add("no combiner after it before the shuffle of '" + node.out.get(0).to.name()
                        + "', as hinted (CombineHint.NONE)");
            }
            bypass(node, node.out.get(0).partitioner, ordered);
            return false;
        }
        combiners.add(node);
        if (strategy == Operation.CombineStrategy.SORT) {
            node.operation = sortCombine(combine);
            choice.notes.add("sort-based combiner as hinted (CombineHint.SORT)");
        } else if (strategy == Operation.CombineStrategy.HASH) {
            node.operation = hashCombine(combine);
            choice.notes.add("hash combiner as hinted (CombineHint.HASH)");
        } else if (arrivesGroupedBy(node, combine.keys())) {
            node.operation = sortedCombine(combine);
            choice.notes.add("input from '" + node.in.get(0).from.name() + "' arrives sorted by " + combine.keys()
                    + ": combines each run of a key as it streams by, no hash table, no sort");
        } else {
            node.operation = hashCombine(combine);
            choice.notes.add("input not known to be sorted by " + (combine.keys() == null ? "the record" : combine.keys())
                    + ": hash combiner (one pass, partial results whenever its table fills)");
        }
        return true;
    }

    private static <T> Operation.HashCombine<T> hashCombine(Operation.Combine<T> combine) {
        return new Operation.HashCombine<>(combine.function(), combine.type(), combine.keys());
    }

    private static <T> Operation.SortReduce<T> sortCombine(Operation.Combine<T> combine) {
        return new Operation.SortReduce<>(combine.function(), combine.type(), combine.keys());
    }

    private static <T> Operation.SortedReduce<T> sortedCombine(Operation.Combine<T> combine) {
        return new Operation.SortedReduce<>(combine.function(), combine.type(), combine.keys());
    }

    /** Turns a sort-based reduce whose input arrives forward in key order into a reduce that does not sort. */
    private void reduceSortedInputWithoutSort(Node node, Choice choice) {
        if (node.operation instanceof Operation.SortReduce<?> reduce && !combiners.contains(node)
                && arrivesGroupedBy(node, reduce.keys())) {
            node.operation = sortedReduce(reduce);
            choice.notes.add("input from '" + node.in.get(0).from.name() + "' arrives sorted by " + reduce.keys()
                    + ": reduces each key's run as it streams by, no sort");
        }
    }

    private static <T> Operation.SortedReduce<T> sortedReduce(Operation.SortReduce<T> reduce) {
        return new Operation.SortedReduce<>(reduce.function(), reduce.type(), reduce.keys());
    }

    /**
     * Turns a sort-based reduce (not a combiner) whose input arrives partitioned by a hash of the key,
     * unsorted, into a hash aggregation, unless its output feeds a sort by the key or the key cannot be
     * written as bytes.
     */
    private void reduceByHash(Node node, Choice choice) {
        if (!(node.operation instanceof Operation.SortReduce<?> reduce) || combiners.contains(node) || node.in.isEmpty()) {
            return;
        }
        for (Edge e : node.in) {
            boolean hashed = e.partitioner instanceof KeyHashPartitioner<?>
                    || (e.partitioner instanceof ForwardPartitioner<?> && e.tag == null && choiceOf(e.from).partitioning != null);
            if (!hashed) {
                return;
            }
        }
        String keys = reduce.keys() == null ? "the record" : reduce.keys().toString();
        if (!hasKeyBytes(reduce.type(), reduce.keys())) {
            choice.notes.add("the key " + keys + " has no byte form for a hash table: reduces by sorting");
            return;
        }
        if (reduce.keys() != null) {
            boolean[] ascending = new boolean[reduce.keys().size()];
            Arrays.fill(ascending, true);
            SortOrder keyOrder = new SortOrder(reduce.keys(), ascending);
            for (Edge out : node.out) {
                if (out.tag == null && out.to.operation instanceof Operation.SortPartition<?> sort
                        && keyOrder.implies(sort.order(), sort.ascending())) {
                    choice.notes.add("'" + out.to.name() + "' sorts the output by the key: reduces by sorting, "
                            + "whose key order it keeps");
                    return;
                }
            }
        }
        node.operation = hashReduce(reduce);
        choice.notes.add("input arrives hash-partitioned by " + keys + ", unsorted: reduces in a hash table in managed "
                + "memory (partitions of keys spill to disk when it is full), no sort");
    }

    private static <T> Operation.HashReduce<T> hashReduce(Operation.SortReduce<T> reduce) {
        return new Operation.HashReduce<>(reduce.function(), reduce.type(), reduce.keys());
    }

    /** True when the comparator of {@code keys} (the whole record when null) writes keys as bytes. */
    private static <T> boolean hasKeyBytes(TypeInfo<T> type, KeyFields keys) {
        try {
            SerializerConfig config = new SerializerConfig();
            TypeComparator<T> comparator;
            if (keys == null) {
                comparator = Comparators.whole(type, config);
            } else {
                boolean[] ascending = new boolean[keys.size()];
                Arrays.fill(ascending, true);
                comparator = keys.byPosition() ? Comparators.fields(type, config, keys.positions(), ascending)
                        : Comparators.fields(type, config, keys.names(), ascending);
            }
            return comparator.supportsKeyBytes();
        } catch (RuntimeException e) {
            return false; // a type without a comparator: the sort-based reduce reports it when it opens
        }
    }

    /** True when the node's one input arrives forward from a producer whose output keeps equal keys together. */
    private boolean arrivesGroupedBy(Node node, KeyFields keys) {
        if (keys == null || node.in.size() != 1) {
            return false;
        }
        Edge into = node.in.get(0);
        SortOrder order = choiceOf(into.from).order;
        return into.tag == null && into.partitioner instanceof ForwardPartitioner<?> && into.from.parallelism == node.parallelism
                && order != null && order.groups(keys);
    }

    /** How the node's output is partitioned: that of its input for operators that keep records and keys. */
    private KeyHashPartitioner<?> outputPartitioning(Node node) {
        Operation op = node.operation;
        boolean keepsRecords = op instanceof Operation.Filter<?> || op instanceof Operation.HashCombine<?>
                || op instanceof Operation.SortReduce<?> || op instanceof Operation.SortedReduce<?>
                || op instanceof Operation.HashReduce<?>
                || op instanceof Operation.SortPartition<?>;
        if (!keepsRecords || node.in.isEmpty()) {
            return null;
        }
        KeyHashPartitioner<?> common = null;
        for (Edge e : node.in) {
            KeyHashPartitioner<?> p = e.partitioner instanceof KeyHashPartitioner<?> hash ? hash
                    : e.partitioner instanceof ForwardPartitioner<?> && e.tag == null ? choiceOf(e.from).partitioning
                    : null;
            if (p == null || (common != null && !common.samePartitioning(p))) {
                return null;
            }
            common = p;
        }
        return common;
    }

    // ---------------------------------------------------------------- joins

    private void planJoin(Node node, Operation.EquiJoin<?, ?, ?> join, Choice choice) {
        List<Edge> first = inputs(node, 0);
        List<Edge> second = inputs(node, 1);
        long firstBytes = bytesOf(first);
        long secondBytes = bytesOf(second);
        JoinShipHint ship = join.ship();
        if (ship == JoinShipHint.ANY) {
            // bytes shipped plus bytes built into hash tables: a broadcast side is shipped and built p times
            long repartition = shuffled(first, firstBytes) + shuffled(second, secondBytes) + Math.min(firstBytes, secondBytes);
            long broadcastFirst = join.kind() == JoinKind.LEFT_OUTER || join.kind() == JoinKind.FULL_OUTER
                    ? Long.MAX_VALUE : times(firstBytes, 2L * node.parallelism) + staying(second, secondBytes);
            long broadcastSecond = join.kind() == JoinKind.RIGHT_OUTER || join.kind() == JoinKind.FULL_OUTER
                    ? Long.MAX_VALUE : times(secondBytes, 2L * node.parallelism) + staying(first, firstBytes);
            ship = broadcastFirst < repartition && broadcastFirst <= broadcastSecond ? JoinShipHint.BROADCAST_FIRST
                    : broadcastSecond < repartition ? JoinShipHint.BROADCAST_SECOND : JoinShipHint.REPARTITION;
            choice.notes.add("estimated bytes shipped and built: repartition " + repartition + ", broadcast first "
                    + cost(broadcastFirst) + ", broadcast second " + cost(broadcastSecond) + ": " + ship);
        } else {
            choice.notes.add("ship strategy " + ship + " as hinted");
        }
        switch (ship) {
            case BROADCAST_FIRST -> {
                first.forEach(e -> e.partitioner = new BroadcastPartitioner<>());
                second.forEach(BatchOptimizer::stayWhereItIs);
            }
            case BROADCAST_SECOND -> {
                second.forEach(e -> e.partitioner = new BroadcastPartitioner<>());
                first.forEach(BatchOptimizer::stayWhereItIs);
            }
            default -> {
                for (Edge e : node.in) {
                    if (shipsForwardAlready(e)) {
                        forward(e, choice);
                    }
                }
            }
        }
        JoinLocalHint local = join.local();
        boolean staticFirst = !first.isEmpty() && first.stream().allMatch(staticIntoIteration);
        boolean staticSecond = !second.isEmpty() && second.stream().allMatch(staticIntoIteration);
        if (local == JoinLocalHint.ANY && staticFirst != staticSecond && ship == JoinShipHint.REPARTITION) {
            local = staticFirst ? JoinLocalHint.HASH_BUILD_FIRST : JoinLocalHint.HASH_BUILD_SECOND;
            choice.notes.add("builds the " + (staticFirst ? "first" : "second") + " side, static in the iteration: "
                    + "its table is built once and probed every superstep");
        }
        if (local == JoinLocalHint.ANY) {
            boolean buildFirst = ship == JoinShipHint.BROADCAST_FIRST
                    || (ship != JoinShipHint.BROADCAST_SECOND && firstBytes <= secondBytes);
            local = buildFirst ? JoinLocalHint.HASH_BUILD_FIRST : JoinLocalHint.HASH_BUILD_SECOND;
        }
        node.operation = physicalJoin(join, local);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Operation physicalJoin(Operation.EquiJoin join, JoinLocalHint local) {
        if (local == JoinLocalHint.SORT_MERGE) {
            return new Operation.SortMergeCoGroup<>(null, join.function(), join.kind(), join.leftType(), join.rightType(),
                    join.leftKeys(), join.rightKeys());
        }
        return new Operation.HashJoin<>(join.function(), join.leftType(), join.rightType(), join.leftKeys(),
                join.rightKeys(), join.kind(), local == JoinLocalHint.HASH_BUILD_FIRST);
    }

    /** The probe side of a broadcast join: forward where the parallelism allows, else spread evenly. */
    private static void stayWhereItIs(Edge e) {
        e.partitioner = e.from.parallelism == e.to.parallelism ? new ForwardPartitioner<>() : new RebalancePartitioner<>();
    }

    /** The edges of input {@code logicalInput}, without the broadcast sets arriving on it (they stay broadcast). */
    private static List<Edge> inputs(Node node, int logicalInput) {
        return node.in.stream().filter(e -> e.logicalInput == logicalInput && e.broadcastSet < 0).toList();
    }

    /** The bytes a repartitioning of this input ships: none where it is partitioned on the key already. */
    private long shuffled(List<Edge> edges, long bytes) {
        return edges.stream().allMatch(this::shipsForwardAlready) ? 0 : bytes;
    }

    /** The bytes the other side of a broadcast ships: none where it can stay on its subtasks. */
    private static long staying(List<Edge> edges, long bytes) {
        return edges.stream().allMatch(e -> e.from.parallelism == e.to.parallelism) ? 0 : bytes;
    }

    /** The estimated bytes of an input, an unknown part counted as {@link #UNKNOWN_BYTES}. */
    private long bytesOf(List<Edge> edges) {
        long total = 0;
        for (Edge e : edges) {
            long bytes = choiceOf(e.from).bytes;
            total += bytes < 0 ? UNKNOWN_BYTES : bytes;
        }
        return total;
    }

    private static long times(long value, long factor) {
        return factor != 0 && value > Long.MAX_VALUE / 2 / factor ? Long.MAX_VALUE / 2 : value * factor;
    }

    private static String cost(long bytes) {
        return bytes == Long.MAX_VALUE ? "impossible (outer side)" : Long.toString(bytes);
    }

    // ---------------------------------------------------------------- estimates and strategies

    private void estimate(Node node, Choice choice) {
        long records = recordsOf(inputs(node, 0));
        List<Edge> second = inputs(node, 1);
        Operation op = node.operation;
        if (!second.isEmpty()) {
            // a join or co-group on a key: as many records as the larger side; a cross: their product
            long other = recordsOf(second);
            records = records < 0 || other < 0 ? SizeEstimate.UNKNOWN
                    : op instanceof Operation.Cross<?, ?, ?> ? times(records, other) : Math.max(records, other);
        } else if (records >= 0) {
            double factor = op instanceof Operation.Filter<?> ? FILTER_SELECTIVITY
                    : op instanceof Operation.HashCombine<?> || op instanceof Operation.SortReduce<?>
                            || op instanceof Operation.SortedReduce<?> || op instanceof Operation.HashReduce<?>
                            ? GROUPING_REDUCTION
                    : op instanceof Operation.SortGroupReduce<?, ?> group && group.keys() != null ? GROUPING_REDUCTION
                    : 1.0;
            records = (long) Math.ceil(records * factor);
        }
        setSize(choice, records, SizeEstimate.UNKNOWN, node);
    }

    private long recordsOf(List<Edge> edges) {
        long total = 0;
        for (Edge e : edges) {
            long records = choiceOf(e.from).records;
            if (records < 0) {
                return SizeEstimate.UNKNOWN;
            }
            total += records;
        }
        return total;
    }

    /** Sets the estimate, deriving the missing one of records and bytes from the output type's width. */
    private static void setSize(Choice choice, long records, long bytes, Node node) {
        int width = width(node);
        choice.records = records >= 0 ? records : bytes >= 0 ? bytes / width : SizeEstimate.UNKNOWN;
        choice.bytes = bytes >= 0 ? bytes : records >= 0 ? times(records, width) : SizeEstimate.UNKNOWN;
    }

    private static int width(Node node) {
        try {
            TypeInfo<?> type = node.transformation.getOutputType();
            int length = type.createSerializer(new SerializerConfig()).getLength();
            return length > 0 ? length : VARIABLE_RECORD_BYTES;
        } catch (RuntimeException e) {
            return VARIABLE_RECORD_BYTES; // a type the program has yet to declare: the compiler reports it
        }
    }

    /** The strategy of a grouped reduce's combiner, as the plan names it. */
    private static String combineStrategy(Operation op) {
        if (op instanceof Operation.SortReduce<?>) {
            return "SORT_COMBINE (each subtask's records sorted and reduced before the shuffle)";
        } else if (op instanceof Operation.SortedReduce<?>) {
            return "SORTED_COMBINE (input sorted by the key already: reduces the runs before the shuffle, no sort)";
        }
        return localStrategy(op);
    }

    /** The local strategy an operation runs with, as the plan names it. */
    private static String localStrategy(Operation op) {
        if (op instanceof Operation.HashCombine<?>) {
            return "HASH_COMBINE (partial results before the shuffle)";
        } else if (op instanceof Operation.SortReduce<?>) {
            return "SORT_REDUCE (reducing while sorting)";
        } else if (op instanceof Operation.HashReduce<?>) {
            return "HASH_REDUCE (hash aggregation in managed memory, spilling partitions of keys to disk)";
        } else if (op instanceof Operation.SortedReduce<?>) {
            return "SORTED_REDUCE (input sorted by the key already: streams the groups, no sort)";
        } else if (op instanceof Operation.SortGroupReduce<?, ?> group) {
            return group.keys() == null ? "ALL_IN_ONE_GROUP" : group.order() == null ? "SORT_GROUP" : "SORT_GROUP (with group order)";
        } else if (op instanceof Operation.SortPartition<?>) {
            return "SORT";
        } else if (op instanceof Operation.HashJoin<?, ?, ?> join) {
            return "HYBRID_HASH (build " + (join.buildLeft() ? "first" : "second") + ")";
        } else if (op instanceof Operation.SortMergeCoGroup<?, ?, ?> coGroup) {
            return coGroup.join() != null ? "SORT_MERGE_JOIN" : "SORT_MERGE_COGROUP";
        } else if (op instanceof Operation.Cross<?, ?, ?>) {
            return "NESTED_LOOP (second side kept whole)";
        }
        return null;
    }
}
