package io.eddy.runtime.operators.batch;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.metrics.Counter;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.transformations.Operation;
import io.eddy.api.types.TypeInfo;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.operators.RecordIterator;
import io.eddy.runtime.operators.SequentialInputsOperator;
import io.eddy.runtime.operators.hash.HashJoinType;
import io.eddy.runtime.operators.hash.HybridHashJoin;
import io.eddy.runtime.operators.hash.JoinedPairs;

/**
 * An equi-join of input 1 (left) and input 2 (right) through a {@link HybridHashJoin}. Build records
 * go into the join as they arrive. The task reads the build input first when it can (blocking
 * exchanges, {@link SequentialInputsOperator}): then probe records join as they arrive, in batches of
 * {@link HybridHashJoin#PROBE_BATCH}. Probe records that arrive before the build side ended (pipelined
 * inputs, e.g. inside an iteration) wait in a spill file ({@link SpilledRecords}) and probe when it
 * has. Pairs go to the user's function as (left, right), with null for the missing side of an outer
 * join.
 *
 * <p>In an iteration's step function whose build side is static (from outside the iteration), the
 * table is built in the first superstep and kept, with its pages, for the later ones, which only
 * probe it ({@link KeepsStaticInput}); {@value MetricNames#HASH_TABLE_BUILDS} counts the builds.
 *
 * <p>The batch holds references to probe records until it is joined: this operator heads its task,
 * and the task deserializes every input record into a new object, so nothing changes them meanwhile.
 */
public final class HashJoinOperator<L, R, OUT> extends ManagedMemoryOperator<OUT>
        implements TwoInputOperator<L, R>, SequentialInputsOperator, KeepsStaticInput {
    private static final long serialVersionUID = 1L;

    private final Operation.HashJoin<L, R, OUT> spec;
    private transient HybridHashJoin<Object, Object> join;
    private transient SpilledRecords<Object> probeSide;
    private transient JoinedPairs<Object, Object> pairs;
    /** The build side ended: probe records join as they arrive. */
    private transient boolean probing;
    private transient Object[] batch;
    private transient int batched;
    /** The table a previous superstep's instance built and handed over ({@link #resume}), or null. */
    private transient KeptTable resumed;
    private transient Counter builds;

    public HashJoinOperator(Operation.HashJoin<L, R, OUT> spec, double memoryShare) {
        super(memoryShare);
        this.spec = spec;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void open() throws Exception {
        super.open();
        builds = context.getMetricGroup().counter(MetricNames.HASH_TABLE_BUILDS);
        Collector<OUT> emitter = this::emit;
        FlatJoinFunction<L, R, OUT> function = spec.function();
        pairs = spec.buildLeft()
                ? (b, p) -> function.join((L) b, (R) p, emitter)
                : (b, p) -> function.join((L) p, (R) b, emitter);
        batch = new Object[HybridHashJoin.PROBE_BATCH];
        if (resumed != null) {
            join = resumed.join();
            resumed = null;
            join.rewindProbe();
            probing = true;
            return;
        }
        var config = context.getExecutionConfig().getSerializerConfig();
        TypeInfo build = spec.buildLeft() ? spec.leftType() : spec.rightType();
        TypeInfo probe = spec.buildLeft() ? spec.rightType() : spec.leftType();
        KeyFields buildKeys = spec.buildLeft() ? spec.leftKeys() : spec.rightKeys();
        KeyFields probeKeys = spec.buildLeft() ? spec.rightKeys() : spec.leftKeys();
        probeSide = new SpilledRecords<>(probe.createSerializer(config), resources, freePages().pop());
        join = new HybridHashJoin<>(build.createSerializer(config), comparator(build, buildKeys, null),
                probe.createSerializer(config), comparator(probe, probeKeys, null), freePages(),
                resources.getIOManager(), resources, joinType());
    }

    @Override
    public boolean keep(int input) {
        return input == firstInput() && join.retainBuildSide();
    }

    @Override
    public AutoCloseable handOver() {
        KeptTable kept = new KeptTable(join, giveUpPages());
        join = null;
        return kept;
    }

    @Override
    public void resume(AutoCloseable kept) {
        resumed = (KeptTable) kept;
        adoptPages(resumed.pages());
    }

    /** A built table with the pages it lives in, between two supersteps. */
    private record KeptTable(HybridHashJoin<Object, Object> join, FreePages pages) implements AutoCloseable {
        @Override
        public void close() {
            try {
                join.close();
            } finally {
                pages.close();
            }
        }
    }

    /** The DataSet join kind as the build/probe roles of the hash join see it. */
    private HashJoinType joinType() {
        return switch (spec.kind()) {
            case INNER -> HashJoinType.INNER;
            case FULL_OUTER -> HashJoinType.FULL_OUTER;
            case LEFT_OUTER -> spec.buildLeft() ? HashJoinType.BUILD_OUTER : HashJoinType.PROBE_OUTER;
            case RIGHT_OUTER -> spec.buildLeft() ? HashJoinType.PROBE_OUTER : HashJoinType.BUILD_OUTER;
        };
    }

    @Override
    public int firstInput() {
        return spec.buildLeft() ? 0 : 1;
    }

    @Override
    public void processElement1(L value, long timestamp) throws Exception {
        if (spec.buildLeft()) {
            join.addBuild(value);
        } else {
            addProbe(value);
        }
    }

    @Override
    public void processElement2(R value, long timestamp) throws Exception {
        if (spec.buildLeft()) {
            addProbe(value);
        } else {
            join.addBuild(value);
        }
    }

    private void addProbe(Object record) throws Exception {
        if (!probing) {
            probeSide.add(record);
            return;
        }
        batch[batched++] = record;
        if (batched == batch.length) {
            join.probe(batch, batched, pairs);
            batched = 0;
        }
    }

    @Override
    public void endOfInput(int input) throws Exception {
        if (input == firstInput()) {
            endBuild();
        }
    }

    /** Completes the table and joins the probe records that arrived before. */
    private void endBuild() throws Exception {
        join.endBuild();
        builds.inc();
        probing = true;
        RecordIterator<Object> waiting = probeSide.read();
        // read into the batch's instances: the batch is joined before they are read into again
        for (Object record = waiting.next(batch[0]); record != null; record = waiting.next(batch[batched])) {
            addProbe(record);
        }
        probeSide.close();
    }

    @Override
    protected void emitResults() throws Exception {
        if (!probing) {
            endBuild(); // the task did not report the end of the build input (the operator runs inside another)
        }
        join.probe(batch, batched, pairs);
        batched = 0;
        join.endProbe(pairs);
    }

    @Override
    protected Object userFunction() {
        return spec.function();
    }

    @Override
    protected void closeStructures() {
        if (join != null) {
            join.close();
            join = null;
        }
        if (probeSide != null) {
            probeSide.close();
            probeSide = null;
        }
        if (resumed != null) {
            resumed.join().close(); // handed over, but this instance failed to open; its pages are this instance's now
            resumed = null;
        }
    }
}
