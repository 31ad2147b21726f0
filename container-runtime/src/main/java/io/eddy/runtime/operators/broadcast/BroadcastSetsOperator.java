package io.eddy.runtime.operators.broadcast;

import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.OperatorContext;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.operators.FinalWatermarkAfterResults;
import io.eddy.runtime.operators.RecordIterator;
import io.eddy.runtime.operators.RuntimeOperatorContext;
import io.eddy.runtime.operators.batch.SpilledRecords;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an operator that has broadcast sets ({@code withBroadcastSet}): the sets' records arrive among
 * the operator's inputs as {@link BroadcastElement}s and are collected per set; the operator's own
 * input records wait meanwhile, in this operator's managed memory as far as it holds them, the rest in
 * spill files. When all input has arrived, the sets are complete:
 * they become the operator's broadcast variables, the operator opens (so its function's {@code open}
 * can read them), receives its input records and ends its input.
 *
 * <p>The broadcast sets are held on the heap (every subtask holds each whole): broadcast small data.
 * Threading: the task thread calls every method.
 */
public final class BroadcastSetsOperator<OUT> extends StreamOperator<OUT>
        implements OneInputOperator<Object>, TwoInputOperator<Object, Object>, FinalWatermarkAfterResults {
    private static final long serialVersionUID = 1L;

    private final StreamOperator<OUT> operator;
    private final String[] names;
    /** The serializer of each of the operator's own inputs, to hold their records meanwhile. */
    private final TypeSerializer<Object>[] inputSerializers;
    private final double memoryShare;
    private transient TaskManagedResources resources;
    private transient FreePages pages;
    private transient List<List<Object>> sets;
    private transient List<SpilledRecords<Object>> held;
    private transient boolean operatorOpened;
    private transient boolean finalWatermarkHeld;

    public BroadcastSetsOperator(StreamOperator<OUT> operator, String[] names, TypeSerializer<Object>[] inputSerializers,
            double memoryShare) {
        this.operator = operator;
        this.names = names;
        this.inputSerializers = inputSerializers;
        this.memoryShare = memoryShare;
    }

    /** The operator runs when the input ended: the final watermark waits for its results. */
    @Override
    public void processWatermark(long watermark) throws Exception {
        if (watermark == Long.MAX_VALUE) {
            finalWatermarkHeld = true;
        } else {
            super.processWatermark(watermark);
        }
    }

    @Override
    public void emitHeldWatermark() throws Exception {
        if (finalWatermarkHeld) {
            finalWatermarkHeld = false;
            super.processWatermark(Long.MAX_VALUE);
        }
    }

    @Override
    public void setup(OperatorContext context, Output<OUT> output) {
        super.setup(context, output);
        operator.setup(context, output);
    }

    @Override
    public void open() throws Exception {
        resources = ((RuntimeOperatorContext) context).getManagedResources();
        pages = resources.reserveShare(memoryShare);
        if (pages.size() < inputSerializers.length) {
            throw new IllegalStateException("'" + context.getTaskName() + "' holds its input while its broadcast sets "
                    + "arrive and needs " + inputSerializers.length + " pages of managed memory for it: give the "
                    + "TaskManagers more managed memory (taskmanager.memory.managed.size)");
        }
        sets = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            sets.add(new ArrayList<>());
        }
        held = new ArrayList<>();
        for (int i = 0; i < inputSerializers.length; i++) {
            held.add(new SpilledRecords<>(inputSerializers[i], resources, pages.pop(), pages));
        }
    }

    @Override
    public void processElement(Object record, long timestamp) throws Exception {
        processElement1(record, timestamp);
    }

    @Override
    public void processElement1(Object record, long timestamp) throws Exception {
        if (record instanceof BroadcastElement element) {
            sets.get(element.set()).add(element.value());
        } else {
            held.get(0).add(record);
        }
    }

    @Override
    public void processElement2(Object record, long timestamp) throws Exception {
        if (record instanceof BroadcastElement element) {
            sets.get(element.set()).add(element.value());
        } else {
            held.get(1).add(record);
        }
    }

    @Override
    public void endInput() throws Exception {
        completeSets();
        operator.endInput();
    }

    /**
     * The sets are complete (all input has arrived): they become the operator's broadcast variables,
     * the operator opens and receives the held records. From then on {@link #pass} gives it records
     * directly; an iteration uses that to replay the static input it keeps itself once the superstep's
     * sets are there, instead of having it held here a second time. Idempotent.
     */
    public void completeSets() throws Exception {
        if (operatorOpened) {
            return;
        }
        Map<String, List<?>> variables = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            variables.put(names[i], Collections.unmodifiableList(sets.get(i)));
        }
        ((RuntimeOperatorContext) context).setBroadcastVariables(variables);
        operator.open();
        operatorOpened = true;
        for (int input = 0; input < held.size(); input++) {
            RecordIterator<Object> records = held.get(input).read();
            for (Object record = records.next(null); record != null; record = records.next(null)) {
                pass(input, record);
            }
        }
    }

    /** The operator that runs once the sets are complete. */
    public StreamOperator<OUT> operator() {
        return operator;
    }

    /** Gives a record of logical input {@code input} to the operator, after {@link #completeSets()}. */
    public void pass(int input, Object record) throws Exception {
        pass(operator, input, record);
    }

    /** Gives a batch record of logical input {@code input} (0 or 1) to a one- or two-input operator. */
    @SuppressWarnings("unchecked")
    public static void pass(StreamOperator<?> operator, int input, Object record) throws Exception {
        if (operator instanceof TwoInputOperator<?, ?> two) {
            if (input == 0) {
                ((TwoInputOperator<Object, Object>) two).processElement1(record, Output.NO_TIMESTAMP);
            } else {
                ((TwoInputOperator<Object, Object>) two).processElement2(record, Output.NO_TIMESTAMP);
            }
        } else {
            ((OneInputOperator<Object>) operator).processElement(record, Output.NO_TIMESTAMP);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (operatorOpened) {
                operator.close();
            }
        } finally {
            if (held != null) {
                held.forEach(SpilledRecords::close);
                held = null;
            }
            if (pages != null) {
                pages.close();
                pages = null;
            }
        }
    }
}
