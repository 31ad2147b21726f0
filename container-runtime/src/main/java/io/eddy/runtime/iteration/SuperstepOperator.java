package io.eddy.runtime.iteration;

import io.eddy.api.dataset.aggregators.Aggregator;
import io.eddy.api.memory.MemorySegment;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.runtime.jobgraph.SerializedObjects;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.operators.RecordIterator;
import io.eddy.runtime.operators.RuntimeOperatorContext;
import io.eddy.runtime.operators.batch.KeepsStaticInput;
import io.eddy.runtime.operators.batch.SpilledRecords;
import io.eddy.runtime.operators.broadcast.BroadcastElement;
import io.eddy.runtime.operators.broadcast.BroadcastSetsOperator;

import java.util.Arrays;
import java.util.Map;

/**
 * Runs an operator of an iteration's step function once per superstep, in a task deployed once.
 *
 * <p>A superstep ends when the superstep's marker, the watermark {@code superstep} that the head
 * emits after the superstep's input, has arrived on every input channel (the task forwards the
 * minimum watermark over its channels, so this is that minimum reaching the superstep): the operator
 * ends its input (a batch operator emits its results), its aggregators go into the subtask's
 * partial aggregates, it closes, and the marker goes on downstream behind its results. A new instance
 * of the operator (deserialized from the job, so nothing carries over) runs the next superstep, from
 * its first record or marker on, with a runtime context that tells its function the superstep
 * ({@link IterationFunctionContext}); like in Flink, a rich function is opened and closed per superstep.
 *
 * <p>Inputs from outside the iteration ("static": their producers run once) arrive in the first
 * superstep only, and end before it does (an open channel holds the minimum watermark back). Their
 * records, and those of static broadcast sets, are kept and replayed into each later superstep's
 * instance: in this operator's managed memory as far as it holds them (the first inputs first), the
 * rest in spill files; except for the one static input an operator builds once and keeps
 * ({@link KeepsStaticInput}: a hash join's static build side, a sort-merge join's or co-group's static
 * side, sorted): its structure goes from each instance to the next, and the last one is released when
 * this operator closes.
 *
 * <p>An operator with broadcast sets ({@link BroadcastSetsOperator}) can only run once its sets are
 * complete, at the superstep's end. Its static input is therefore not passed to it as it arrives (it
 * would hold the records a second time, in a spill file of its own) but replayed from the kept records
 * straight into the operator once the sets are complete, in every superstep including the first. The
 * operator inside may keep a static input too: it is asked once the first superstep's sets are
 * complete, and the input it keeps is replayed into it that once and then dropped here.
 *
 * <p>Threading: the task thread calls every method.
 */
public final class SuperstepOperator<OUT> extends StreamOperator<OUT>
        implements OneInputOperator<Object>, TwoInputOperator<Object, Object> {
    private static final long serialVersionUID = 1L;

    private final IterationSpec spec;
    /** The operator, serialized: each superstep deserializes a fresh instance. */
    private final byte[] operatorBytes;
    /** The serializer of each static logical input (to keep its records), null for those inside the iteration. */
    private final TypeSerializer<Object>[] staticInputs;
    /** The serializer of each static broadcast set, null for those inside the iteration. */
    private final TypeSerializer<Object>[] staticBroadcastSets;
    /** The logical input the broadcast sets arrive on. */
    private final int broadcastInput;
    private final double memoryShare;
    private transient StreamOperator<OUT> operator;
    /** The superstep's operator when it has broadcast sets: its static input is replayed once they are complete. */
    private transient BroadcastSetsOperator<OUT> withSets;
    /** The superstep's operator (or the one inside {@link #withSets}) when it can keep a static input; else null. */
    private transient KeepsStaticInput keeper;
    private transient SubtaskIteration subtask;
    private transient Map<String, Aggregator<?>> aggregators;
    private transient int superstep;
    private transient TaskManagedResources resources;
    private transient FreePages pages;
    private transient SpilledRecords<Object>[] inputCache;
    private transient SpilledRecords<Object>[] broadcastCache;
    /** The static input the operator builds once and keeps ({@link KeepsStaticInput}), -1 for none. */
    private transient int keptInput;
    /** What the last superstep's instance handed over, until the next one resumes from it. */
    private transient AutoCloseable kept;

    SuperstepOperator(IterationSpec spec, byte[] operatorBytes, TypeSerializer<Object>[] staticInputs,
            TypeSerializer<Object>[] staticBroadcastSets, int broadcastInput, double memoryShare) {
        this.spec = spec;
        this.operatorBytes = operatorBytes;
        this.staticInputs = staticInputs;
        this.staticBroadcastSets = staticBroadcastSets;
        this.broadcastInput = broadcastInput;
        this.memoryShare = memoryShare;
    }

    /** Whether this operator keeps static input and needs managed memory for it. */
    static boolean keepsStaticInput(TypeSerializer<?>[] staticInputs, TypeSerializer<?>[] staticBroadcastSets) {
        return Arrays.stream(staticInputs).anyMatch(s -> s != null) || Arrays.stream(staticBroadcastSets).anyMatch(s -> s != null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open() throws Exception {
        subtask = IterationRegistry.subtask(context, spec.iterationId(), context.getIndexOfThisSubtask() % spec.parallelism());
        inputCache = new SpilledRecords[staticInputs.length];
        broadcastCache = new SpilledRecords[staticBroadcastSets.length];
        keptInput = -1;
        if (keepsStaticInput(staticInputs, staticBroadcastSets)) {
            resources = ((RuntimeOperatorContext) context).getManagedResources();
            pages = resources.reserveShare(memoryShare);
            for (int i = 0; i < staticInputs.length; i++) {
                if (staticInputs[i] != null) {
                    inputCache[i] = new SpilledRecords<>(staticInputs[i], resources, page(), pages);
                }
            }
            for (int i = 0; i < staticBroadcastSets.length; i++) {
                if (staticBroadcastSets[i] != null) {
                    broadcastCache[i] = new SpilledRecords<>(staticBroadcastSets[i], resources, page(), pages);
                }
            }
        }
        superstep = 1;
    }

    private MemorySegment page() {
        if (pages.isEmpty()) {
            throw new IllegalStateException("'" + context.getTaskName() + "' keeps the inputs it reads from outside "
                    + spec.describe() + " and needs a page of managed memory for each: give the TaskManagers more "
                    + "managed memory (taskmanager.memory.managed.size)");
        }
        return pages.pop();
    }

    /**
     * Starts the superstep's operator instance at the superstep's first record or marker, with the
     * aggregates of the previous superstep (waiting for this subtask's head to publish them).
     */
    private void startSuperstep() throws Exception {
        operator = SerializedObjects.deserialize(operatorBytes, context.getUserCodeClassLoader());
        aggregators = Aggregators.freshAll(spec.aggregators());
        RuntimeOperatorContext runtime = (RuntimeOperatorContext) context;
        runtime.setFunctionContext(new IterationFunctionContext(runtime, spec, superstep, aggregators,
                subtask.aggregatesOf(superstep - 1)));
        operator.setup(context, output);
        withSets = operator instanceof BroadcastSetsOperator<OUT> sets ? sets : null;
        StreamOperator<?> runs = withSets != null ? withSets.operator() : operator;
        keeper = runs instanceof KeepsStaticInput k ? k : null;
        if (kept != null) {
            keeper.resume(kept);
            kept = null;
        }
        operator.open();
        if (superstep == 1) {
            if (withSets == null) {
                chooseKeptInput();
                dropKeptInputCache(); // its records go to the operator only
            }
        } else {
            if (withSets == null) {
                replayStaticInputs();
            }
            for (int i = 0; i < broadcastCache.length; i++) {
                if (broadcastCache[i] != null) {
                    replay(broadcastCache[i], broadcastInput, i);
                }
            }
        }
    }

    /** In the first superstep, once the operator is open: the static input it builds once and keeps, if any. */
    private void chooseKeptInput() throws Exception {
        for (int i = 0; keeper != null && i < inputCache.length; i++) {
            if (inputCache[i] != null && keeper.keep(i)) {
                keptInput = i;
                return;
            }
        }
    }

    /** The kept input's records are not kept here for replay: later supersteps get the operator's structure. */
    private void dropKeptInputCache() {
        if (keptInput >= 0 && inputCache[keptInput] != null) {
            inputCache[keptInput].close();
            inputCache[keptInput] = null;
        }
    }

    private void replayStaticInputs() throws Exception {
        for (int i = 0; i < inputCache.length; i++) {
            if (inputCache[i] != null) {
                replay(inputCache[i], i, -1);
            }
        }
    }

    private void replay(SpilledRecords<Object> records, int input, int broadcastSet) throws Exception {
        RecordIterator<Object> it = records.read();
        for (Object record = it.next(null); record != null; record = it.next(null)) {
            if (broadcastSet >= 0) {
                pass(input, new BroadcastElement(broadcastSet, record));
            } else if (withSets != null) {
                withSets.pass(input, record);
            } else {
                pass(input, record);
            }
        }
    }

    @Override
    public void processElement(Object record, long timestamp) throws Exception {
        receive(0, record);
    }

    @Override
    public void processElement1(Object record, long timestamp) throws Exception {
        receive(0, record);
    }

    @Override
    public void processElement2(Object record, long timestamp) throws Exception {
        receive(1, record);
    }

    private void receive(int input, Object record) throws Exception {
        if (operator == null) {
            startSuperstep();
        }
        if (superstep == 1) {
            if (record instanceof BroadcastElement element) {
                if (broadcastCache[element.set()] != null) {
                    broadcastCache[element.set()].add(element.value());
                }
            } else if (inputCache[input] != null) {
                inputCache[input].add(record);
                if (withSets != null) {
                    return; // replayed once the sets are complete
                }
            }
        }
        pass(input, record);
    }

    private void pass(int input, Object record) throws Exception {
        BroadcastSetsOperator.pass(operator, input, record);
    }

    /** The marker of superstep {@code watermark} arrived on every channel: the superstep ends here. */
    @Override
    public void processWatermark(long watermark) throws Exception {
        if (watermark == Long.MAX_VALUE) {
            return; // the head ended: no superstep follows
        }
        if (watermark != superstep) {
            throw new IllegalStateException("'" + context.getTaskName() + "' runs superstep " + superstep
                    + " of " + spec.describe() + " but received the marker of superstep " + watermark);
        }
        if (operator == null) {
            startSuperstep();
        }
        if (withSets != null) {
            withSets.completeSets();
            if (superstep == 1) {
                chooseKeptInput();
            }
            replayStaticInputs();
            dropKeptInputCache();
        }
        operator.endInput();
        if (keptInput >= 0) {
            kept = keeper.handOver();
        }
        subtask.contribute(aggregators);
        closeOperator();
        output.emitWatermark(watermark);
        output.flush(); // the next superstep waits for this one everywhere: no buffer timeout
        superstep++;
    }

    private void closeOperator() throws Exception {
        StreamOperator<OUT> closing = operator;
        operator = null;
        withSets = null;
        keeper = null;
        ((RuntimeOperatorContext) context).setFunctionContext(null);
        if (closing != null) {
            closing.close();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            closeOperator();
            if (kept != null) {
                AutoCloseable last = kept;
                kept = null;
                last.close();
            }
        } finally {
            if (inputCache != null) {
                Arrays.stream(inputCache).filter(c -> c != null).forEach(SpilledRecords::close);
                Arrays.stream(broadcastCache).filter(c -> c != null).forEach(SpilledRecords::close);
                inputCache = null;
            }
            if (pages != null) {
                pages.close();
                pages = null;
            }
        }
    }
}
