package io.eddy.runtime.operators.batch;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.transformations.Operation;
import io.eddy.api.types.TypeInfo;
import io.eddy.runtime.operators.RecordIterator;
import io.eddy.runtime.operators.hash.HashJoinType;
import io.eddy.runtime.operators.hash.HybridHashJoin;
import io.eddy.runtime.operators.hash.JoinedPairs;


/**
 * An equi-join of input 1 (left) and input 2 (right) through a {@link HybridHashJoin}. Build records
 * go into the join as they arrive; probe records arrive at the same time on the pipelined runtime, so
 * they are kept in a spill file ({@link SpilledRecords}) and probe once both inputs ended. Pairs go to
 * the user's function as (left, right), with null for the missing side of an outer join.
 */
public final class HashJoinOperator<L, R, OUT> extends ManagedMemoryOperator<OUT> implements TwoInputOperator<L, R> {
    private static final long serialVersionUID = 1L;

    private final Operation.HashJoin<L, R, OUT> spec;
    private transient HybridHashJoin<Object, Object> join;
    private transient SpilledRecords<Object> probeSide;
    private transient Collector<OUT> emitter;

    public HashJoinOperator(Operation.HashJoin<L, R, OUT> spec, double memoryShare) {
        super(memoryShare);
        this.spec = spec;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void open() throws Exception {
        super.open();
        var config = context.getExecutionConfig().getSerializerConfig();
        TypeInfo build = spec.buildLeft() ? spec.leftType() : spec.rightType();
        TypeInfo probe = spec.buildLeft() ? spec.rightType() : spec.leftType();
        KeyFields buildKeys = spec.buildLeft() ? spec.leftKeys() : spec.rightKeys();
        KeyFields probeKeys = spec.buildLeft() ? spec.rightKeys() : spec.leftKeys();
        probeSide = new SpilledRecords<>(probe.createSerializer(config), resources, freePages().pop());
        join = new HybridHashJoin<>(build.createSerializer(config), comparator(build, buildKeys, null),
                probe.createSerializer(config), comparator(probe, probeKeys, null), freePages(),
                resources.getIOManager(), resources, joinType());
        emitter = this::emit;
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
    public void processElement1(L value, long timestamp) throws Exception {
        if (spec.buildLeft()) {
            join.addBuild(value);
        } else {
            probeSide.add(value);
        }
    }

    @Override
    public void processElement2(R value, long timestamp) throws Exception {
        if (spec.buildLeft()) {
            probeSide.add(value);
        } else {
            join.addBuild(value);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void emitResults() throws Exception {
        FlatJoinFunction<L, R, OUT> function = spec.function();
        JoinedPairs<Object, Object> pairs = spec.buildLeft()
                ? (build, probe) -> function.join((L) build, (R) probe, emitter)
                : (build, probe) -> function.join((L) probe, (R) build, emitter);
        join.endBuild();
        RecordIterator<Object> probes = probeSide.read();
        Object reuse = null;
        for (Object record = probes.next(reuse); record != null; record = probes.next(reuse)) {
            join.probe(record, pairs);
            reuse = record;
        }
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
    }
}
