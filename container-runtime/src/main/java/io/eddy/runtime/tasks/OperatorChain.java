package io.eddy.runtime.tasks;


import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.operators.FinalWatermarkAfterResults;
import io.eddy.runtime.exchange.RecordWriter;
import io.eddy.runtime.jobgraph.ChainConfig;
import io.eddy.runtime.metrics.Counter;
import io.eddy.runtime.operators.InputSerializingOperator;
import io.eddy.runtime.operators.WholeInputOperator;
import io.eddy.runtime.state.CheckpointableKeyedStateBackend;
import io.eddy.runtime.state.HeapOperatorStateStore;
import io.eddy.runtime.state.KeyedStateBackend;
import io.eddy.runtime.state.KeyedStateSnapshot;
import io.eddy.runtime.state.OperatorStateSnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The operators of one task, wired together: each operator's {@link Output} calls its chained
 * successors directly and writes to the task's exchanges. Node 0 is the head; for a source task it
 * is the source, which has no operator, only an output.
 *
 * <p>Records between chained operators are copied unless the type is immutable or object reuse is
 * on, or the consumer is the sole one and keeps no reference (it serializes them, or takes the
 * producer's whole output as one iterator: {@link WholeInputChainingOutput}). Each chained edge
 * shares one counter between the producer's "out" and the consumer's "in", so counting costs one
 * increment per hop.
 *
 * <p>Used by the task thread only.
 */
final class OperatorChain {
    private final List<ChainConfig.Node> nodes;
    private final StreamOperator<?>[] operators;
    private final Output<?>[] outputs;
    private final Counter[] in;
    private final Counter[] out;
    private final KeyedStateBackend<?>[] keyedBackends;
    private final OperatorContextImpl[] contexts;
    private int opened;

    /**
     * @param writers the task's record writers, one per {@link ChainConfig#outputs()} entry
     * @param contexts creates the context of operator {@code i}, with its keyed backend if keyed
     */
    OperatorChain(ChainConfig config, RecordWriter<?>[] writers, boolean objectReuse,
            Function<Integer, OperatorContextImpl> contexts) {
        nodes = config.nodes();
        int n = nodes.size();
        operators = new StreamOperator<?>[n];
        outputs = new Output<?>[n];
        in = new Counter[n];
        out = new Counter[n];
        keyedBackends = new KeyedStateBackend<?>[n];
        this.contexts = new OperatorContextImpl[n];
        for (int i = 0; i < n; i++) {
            operators[i] = nodes.get(i).operator();
            in[i] = new Counter();
        }
        for (int i = n - 1; i >= 0; i--) {
            outputs[i] = createOutput(i, writers, objectReuse);
        }
        for (int i = 0; i < n; i++) {
            if (operators[i] != null) {
                OperatorContextImpl context = contexts.apply(i);
                this.contexts[i] = context;
                keyedBackends[i] = context.getKeyedStateBackend();
                setup(operators[i], context, outputs[i]);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void setup(StreamOperator operator, OperatorContextImpl context, Output output) {
        operator.setup(context, output);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Output<?> createOutput(int i, RecordWriter<?>[] writers, boolean objectReuse) {
        ChainConfig.Node node = nodes.get(i);
        List<Integer> chained = node.chainedSuccessors();
        // a single chained successor shares its "in" counter as this operator's "out"
        out[i] = chained.size() == 1 && node.networkOutputs().isEmpty() ? in[chained.get(0)] : new Counter();
        Output main = targets(chained, node.networkOutputs(), node.outputSerializer(), writers, objectReuse, out[i]);
        if (node.sideOutputs().isEmpty()) {
            return main;
        }
        Map<String, Output<Object>> sides = new HashMap<>();
        for (ChainConfig.SideOutput side : node.sideOutputs()) {
            sides.put(side.tagId(), targets(side.chainedSuccessors(), side.networkOutputs(), side.serializer(), writers,
                    objectReuse, new Counter()));
        }
        return new SideOutputRouter<>(main, sides);
    }

    /** An output to the given chained operators and exchanges that counts its records in {@code counter}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Output targets(List<Integer> chained, List<Integer> network, TypeSerializer serializer,
            RecordWriter<?>[] writers, boolean objectReuse, Counter counter) {
        boolean copy = !objectReuse && serializer != null && !serializer.isImmutableType();
        int targets = chained.size() + network.size();
        if (targets == 1 && !chained.isEmpty() && counter == in[chained.get(0)]) {
            int successor = chained.get(0);
            if (operators[successor] instanceof WholeInputOperator<?> whole && whole.takesWholeInput()) {
                return new WholeInputChainingOutput<>(operators[successor], in[successor]);
            }
            // a sole consumer that serializes on arrival keeps nothing a later change could reach
            return chainTo(successor, copy && !(operators[successor] instanceof InputSerializingOperator), serializer);
        }
        if (targets == 0) {
            return new CountingOutput<>(counter);
        }
        if (targets == 1 && chained.isEmpty()) {
            return new RecordWriterOutput(writers[network.get(0)], counter);
        }
        Output[] all = new Output[targets];
        int k = 0;
        for (int successor : chained) {
            all[k++] = chainTo(successor, copy, serializer);
        }
        for (int output : network) {
            all[k++] = new RecordWriterOutput(writers[output], new Counter());
        }
        return new BroadcastingOutput(all, counter);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Output<?> chainTo(int successor, boolean copy, TypeSerializer serializer) {
        return copy ? ChainingOutputs.copying(operators[successor], in[successor], serializer.duplicate())
                : ChainingOutputs.chaining(operators[successor], in[successor]);
    }

    /** Opens operators from the last to the head, so each operator's successors are ready before it emits. */
    void open() throws Exception {
        for (int i = operators.length - 1; i >= 0; i--) {
            if (operators[i] != null) {
                operators[i].open();
            }
            opened++;
        }
    }

    /**
     * All input has arrived: each operator, in chain order, emits what it buffered (and then the final
     * watermark, if it held it back: {@link FinalWatermarkAfterResults}).
     *
     * @param finalCheckpointPending whether a final checkpoint follows (see {@code OperatorContext#isFinalCheckpointPending})
     */
    void endInput(boolean finalCheckpointPending) throws Exception {
        for (OperatorContextImpl context : contexts) {
            if (context != null) {
                context.setFinalCheckpointPending(finalCheckpointPending);
            }
        }
        for (StreamOperator<?> operator : operators) {
            if (operator != null) {
                operator.endInput();
                if (operator instanceof FinalWatermarkAfterResults holding) {
                    holding.emitHeldWatermark();
                }
            }
        }
    }

    /** Closes the opened operators; failures are added to {@code failure} or returned as the first one. */
    Throwable close(Throwable failure) {
        for (int i = operators.length - 1; i >= operators.length - opened && i >= 0; i--) {
            try {
                if (operators[i] != null) {
                    operators[i].close();
                }
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                } else {
                    failure.addSuppressed(t);
                }
            }
        }
        for (OperatorContextImpl context : contexts) {
            if (context != null) {
                context.closeTimers();
            }
        }
        for (KeyedStateBackend<?> backend : keyedBackends) {
            if (backend != null) {
                backend.dispose();
            }
        }
        return failure;
    }

    /**
     * The synchronous part of a checkpoint of every operator: lets it update its state, then takes
     * a view of its keyed state (with timers) and a copy of its operator state.
     *
     * @param operatorIds the id of each operator in the checkpoint, by position in the chain
     */
    List<PendingOperatorSnapshot> snapshot(long checkpointId, String[] operatorIds) throws Exception {
        List<PendingOperatorSnapshot> snapshots = new ArrayList<>();
        try {
            for (int i = 0; i < operators.length; i++) {
                if (operators[i] == null) {
                    continue;
                }
                operators[i].snapshotState(checkpointId);
                KeyedStateSnapshot keyed = keyedBackends[i] == null ? null
                        : ((CheckpointableKeyedStateBackend<?>) keyedBackends[i]).snapshot(checkpointId);
                HeapOperatorStateStore store = contexts[i].operatorStateStoreIfCreated();
                OperatorStateSnapshot operatorState = store == null ? null : store.snapshot(checkpointId);
                snapshots.add(new PendingOperatorSnapshot(operatorIds[i], keyed, operatorState));
            }
        } catch (Exception | Error e) {
            snapshots.forEach(PendingOperatorSnapshot::release);
            throw e;
        }
        return snapshots;
    }

    void notifyCheckpointComplete(long checkpointId) throws Exception {
        for (StreamOperator<?> operator : operators) {
            if (operator != null) {
                operator.notifyCheckpointComplete(checkpointId);
            }
        }
    }

    StreamOperator<?> head() {
        return operators[0];
    }

    /** The state backend of the head operator, null unless its input is keyed. */
    KeyedStateBackend<?> headKeyedBackend() {
        return keyedBackends[0];
    }

    /** The output of the head: where a source emits. */
    Output<?> headOutput() {
        return outputs[0];
    }

    Counter headRecordsIn() {
        return in[0];
    }

    int size() {
        return nodes.size();
    }

    /** Records operator {@code i} received; the counter is shared with its chained predecessor's output. */
    Counter recordsInCounter(int i) {
        return in[i];
    }

    Counter recordsOutCounter(int i) {
        return out[i];
    }

    /** The context of operator {@code i}, or null for a source task's head (no operator). */
    OperatorContextImpl context(int i) {
        return contexts[i];
    }

    long[] recordsIn() {
        long[] r = new long[in.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = in[i].getCount();
        }
        return r;
    }

    long[] recordsOut() {
        long[] r = new long[out.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = out[i].getCount();
        }
        return r;
    }
}
