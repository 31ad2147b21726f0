package io.eddy.runtime.operators.batch;

import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.transformations.Operation;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.operators.RecordIterator;

import java.util.ArrayList;
import java.util.List;

/**
 * The cross product of input 1 with the whole of input 2 (broadcast to every subtask). Input 2 is kept
 * on the heap as copies (a cross product is only sensible with one small side); input 1 waits in a
 * spill file until input 2 is complete, then streams past it.
 */
public final class CrossOperator<L, R, OUT> extends ManagedMemoryOperator<OUT> implements TwoInputOperator<L, R> {
    private static final long serialVersionUID = 1L;

    private final Operation.Cross<L, R, OUT> spec;
    private transient SpilledRecords<L> lefts;
    private transient List<R> rights;
    private transient TypeSerializer<R> rightSerializer;

    public CrossOperator(Operation.Cross<L, R, OUT> spec, double memoryShare) {
        super(memoryShare);
        this.spec = spec;
    }

    @Override
    public void open() throws Exception {
        super.open();
        var config = context.getExecutionConfig().getSerializerConfig();
        lefts = new SpilledRecords<>(spec.leftType().createSerializer(config), resources, freePages().pop());
        rightSerializer = spec.rightType().createSerializer(config);
        rights = new ArrayList<>();
    }

    @Override
    public void processElement1(L value, long timestamp) throws Exception {
        lefts.add(value);
    }

    @Override
    public void processElement2(R value, long timestamp) throws Exception {
        rights.add(rightSerializer.copy(value));
    }

    @Override
    protected void emitResults() throws Exception {
        RecordIterator<L> it = lefts.read();
        L reuse = null;
        for (L l = it.next(reuse); l != null; l = it.next(reuse)) {
            for (R r : rights) {
                emit(spec.function().cross(l, r));
            }
            reuse = l;
        }
    }

    @Override
    protected Object userFunction() {
        return spec.function();
    }

    @Override
    protected void closeStructures() {
        if (lefts != null) {
            lefts.close();
            lefts = null;
        }
        rights = null;
    }
}
