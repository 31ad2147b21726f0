package io.eddy.runtime.state;

import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.state.BroadcastState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.OperatorListState;
import io.eddy.api.state.OperatorStateStore;
import io.eddy.api.state.StateDescriptor;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.StateHandle;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Operator state as objects on the heap, one store per operator and subtask. List states remember
 * how they are redistributed ({@link ListStateDistribution}) for when checkpoints restore them at
 * another parallelism.
 *
 * <p>Snapshots serialize every state in the task thread: operator state is small by design (offsets,
 * buffered handles, broadcast rules), so there is nothing to gain from copy-on-write; the bytes
 * are then written to the checkpoint by another thread. A restore reads the files of all
 * subtasks of the earlier run, redistributes each list state's elements (serialized) as its
 * distribution says and deserializes them when the state is registered again. Broadcast state is
 * the same in every subtask; the first subtask's copy is restored.
 *
 * <p>File format, big-endian: int MAGIC, int VERSION, int states; per state: UTF name, UTF
 * distribution ({@code EVEN_SPLIT}, {@code UNION} or {@code BROADCAST}), UTF type, int elements,
 * per element (list element, or broadcast key and value): int length, bytes.
 *
 * <p>Used by the task thread only, except that snapshots are written by another.
 */
public final class HeapOperatorStateStore implements OperatorStateStore {
    private static final int MAGIC = 0xEDD7_0905;
    private static final int VERSION = 1;
    private static final String BROADCAST = "BROADCAST";

    private final SerializerConfig serializerConfig;
    private final Map<String, Registered> states = new LinkedHashMap<>();
    /** This subtask's share of the restored states not registered again yet, still serialized. */
    private final Map<String, Restored> restored = new HashMap<>();

    public HeapOperatorStateStore() {
        this(new SerializerConfig());
    }

    /** @param serializerConfig makes the serializers that write the states into snapshots */
    public HeapOperatorStateStore(SerializerConfig serializerConfig) {
        this.serializerConfig = serializerConfig;
    }

    @Override
    public <T> OperatorListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return listState(descriptor, ListStateDistribution.EVEN_SPLIT);
    }

    @Override
    public <T> OperatorListState<T> getUnionListState(ListStateDescriptor<T> descriptor) {
        return listState(descriptor, ListStateDistribution.UNION);
    }

    @SuppressWarnings("unchecked")
    private <T> OperatorListState<T> listState(ListStateDescriptor<T> descriptor, ListStateDistribution distribution) {
        TypeSerializer<T> elements = descriptor.getElementType().createSerializer(serializerConfig);
        return (OperatorListState<T>) register(descriptor, distribution, () -> new HeapListState<>(elements));
    }

    /** The broadcast state; it has no distribution as every subtask holds an equal copy. */
    @Override
    @SuppressWarnings("unchecked")
    public <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor) {
        return (BroadcastState<K, V>) register(descriptor, null, () -> new HeapBroadcastState<>(
                descriptor.getUserKeyType().createSerializer(serializerConfig),
                descriptor.getUserValueType().createSerializer(serializerConfig)));
    }

    private Object register(StateDescriptor<?, ?> descriptor, ListStateDistribution distribution,
            Supplier<SnapshottedState> factory) {
        Registered existing = states.get(descriptor.getName());
        if (existing == null) {
            Registered created = new Registered(descriptor, distribution, factory.get());
            Restored content = restored.get(descriptor.getName());
            if (content != null) {
                content.restoreInto(created);
                restored.remove(descriptor.getName()); // kept on a mismatch, for a registration that fits
            }
            states.put(descriptor.getName(), created);
            return created.state;
        }
        if (existing.descriptor.getClass() != descriptor.getClass()
                || !existing.descriptor.getType().equals(descriptor.getType())
                || existing.distribution != distribution) {
            throw new IllegalStateException("Operator state '" + descriptor.getName() + "' was registered as "
                    + describe(existing.descriptor, existing.distribution) + " and cannot be used as "
                    + describe(descriptor, distribution) + ": give each state its own name.");
        }
        return existing.state;
    }

    private static String describe(StateDescriptor<?, ?> descriptor, ListStateDistribution distribution) {
        return descriptor.getClass().getSimpleName() + " of " + descriptor.getType()
                + (distribution == null ? "" : " (" + distribution + ")");
    }

    /**
     * The synchronous part of a checkpoint: serializes every state (and restored states not
     * registered again) into a file image that {@link OperatorStateSnapshot#writeTo} writes out.
     */
    public OperatorStateSnapshot snapshot(long checkpointId) {
        try {
            SegmentOutputView out = new SegmentOutputView(1024);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(states.size() + restored.size());
            SegmentOutputView element = new SegmentOutputView();
            for (Map.Entry<String, Registered> e : states.entrySet()) {
                Registered state = e.getValue();
                List<byte[]> elements = new ArrayList<>();
                state.state.forEachElement(view -> {
                    element.clear();
                    view.write(element);
                    elements.add(element.toByteArray());
                });
                writeState(out, e.getKey(), state.kind(), state.descriptor.getType().toString(), elements);
            }
            for (Map.Entry<String, Restored> e : restored.entrySet()) {
                Restored state = e.getValue();
                writeState(out, e.getKey(), state.kind, state.type, state.elements);
            }
            return new OperatorStateSnapshot(checkpointId, out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialize the operator state", e);
        }
    }

    private static void writeState(SegmentOutputView out, String name, String kind, String type,
            List<byte[]> elements) throws IOException {
        out.writeUTF(name);
        out.writeUTF(kind);
        out.writeUTF(type);
        out.writeInt(elements.size());
        for (byte[] element : elements) {
            out.writeInt(element.length);
            out.write(element);
        }
    }

    /**
     * Restores this subtask's share of the operator state of an earlier run: {@code oldSubtasks}
     * are the files of all its subtasks in subtask order; list states are redistributed to
     * {@code parallelism} subtasks as their distribution says, of which this is {@code subtaskIndex}.
     * States get their content when they are registered (again).
     */
    public void restore(List<StateHandle> oldSubtasks, int parallelism, int subtaskIndex, CheckpointStorage storage)
            throws IOException {
        Map<String, List<List<byte[]>>> elementsBySubtask = new LinkedHashMap<>();
        Map<String, Restored> found = new LinkedHashMap<>();
        for (int subtask = 0; subtask < oldSubtasks.size(); subtask++) {
            StateHandle handle = oldSubtasks.get(subtask);
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(storage.openState(handle)))) {
                if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                    throw new IOException(handle.path() + " is not an operator state file of this version");
                }
                for (int n = in.readInt(); n > 0; n--) {
                    String name = in.readUTF();
                    Restored state = new Restored(name, in.readUTF(), in.readUTF(), new ArrayList<>());
                    for (int elements = in.readInt(); elements > 0; elements--) {
                        state.elements.add(in.readNBytes(in.readInt()));
                    }
                    found.putIfAbsent(name, state);
                    List<List<byte[]>> lists = elementsBySubtask.computeIfAbsent(name, k -> new ArrayList<>());
                    while (lists.size() < subtask) {
                        lists.add(List.of()); // the state was not registered in that subtask
                    }
                    lists.add(state.elements);
                }
            }
        }
        for (Restored state : found.values()) {
            List<List<byte[]>> lists = elementsBySubtask.get(state.name);
            List<byte[]> share = state.kind.equals(BROADCAST) ? state.elements
                    : ListStateDistribution.valueOf(state.kind).redistribute(lists, parallelism).get(subtaskIndex);
            Restored mine = new Restored(state.name, state.kind, state.type, share);
            Registered registered = states.get(state.name);
            if (registered == null) {
                restored.put(state.name, mine);
            } else {
                mine.restoreInto(registered);
            }
        }
    }

    private record Registered(StateDescriptor<?, ?> descriptor, ListStateDistribution distribution,
            SnapshottedState state) {
        String kind() {
            return distribution == null ? BROADCAST : distribution.name();
        }
    }

    /** A restored state's share for this subtask, its elements still serialized. */
    private record Restored(String name, String kind, String type, List<byte[]> elements) {
        void restoreInto(Registered state) {
            if (!kind.equals(state.kind()) || !type.equals(state.descriptor.getType().toString())) {
                throw new IllegalStateException("Operator state '" + name + "' was checkpointed as " + kind + " of "
                        + type + " but is now registered as " + state.kind() + " of " + state.descriptor.getType()
                        + ": a state keeps its kind and type across restores; give the new state another name.");
            }
            SegmentInputView in = new SegmentInputView();
            try {
                for (byte[] element : elements) {
                    in.setBuffer(element, 0, element.length);
                    state.state.restoreElement(in);
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the restored operator state '" + name + "'", e);
            }
        }
    }

    /** What snapshots and restores need of an operator state: its content as separately serialized elements. */
    private interface SnapshottedState {
        /** Hands each element (list element, or broadcast mapping) to {@code visitor} as a writer. */
        void forEachElement(ElementVisitor visitor) throws IOException;

        void restoreElement(SegmentInputView in) throws IOException;
    }

    private interface ElementVisitor {
        void visit(ElementWriter element) throws IOException;
    }

    private interface ElementWriter {
        void write(SegmentOutputView out) throws IOException;
    }

    /** {@link OperatorListState} on the heap. */
    static final class HeapListState<T> implements OperatorListState<T>, SnapshottedState {
        private final TypeSerializer<T> serializer;
        private final List<T> elements = new ArrayList<>();
        private final List<T> readOnly = Collections.unmodifiableList(elements);

        HeapListState(TypeSerializer<T> serializer) {
            this.serializer = serializer;
        }

        @Override
        public void forEachElement(ElementVisitor visitor) throws IOException {
            for (T element : elements) {
                visitor.visit(out -> serializer.serialize(element, out));
            }
        }

        @Override
        public void restoreElement(SegmentInputView in) throws IOException {
            elements.add(serializer.deserialize(in));
        }

        @Override
        public Iterable<T> get() {
            return readOnly;
        }

        @Override
        public void add(T value) {
            elements.add(checkNotNull(value));
        }

        @Override
        public void addAll(List<T> values) {
            values.forEach(this::add);
        }

        @Override
        public void update(List<T> values) {
            elements.clear();
            addAll(values);
        }

        @Override
        public void clear() {
            elements.clear();
        }

        private static <T> T checkNotNull(T value) {
            if (value == null) {
                throw new NullPointerException("Operator list state does not accept null elements");
            }
            return value;
        }
    }

    /** {@link BroadcastState} on the heap. */
    static final class HeapBroadcastState<K, V> implements BroadcastState<K, V>, SnapshottedState {
        private final TypeSerializer<K> keySerializer;
        private final TypeSerializer<V> valueSerializer;
        private final Map<K, V> map = new HashMap<>();
        private final Iterable<Map.Entry<K, V>> entries = Collections.unmodifiableMap(map).entrySet();

        HeapBroadcastState(TypeSerializer<K> keySerializer, TypeSerializer<V> valueSerializer) {
            this.keySerializer = keySerializer;
            this.valueSerializer = valueSerializer;
        }

        @Override
        public void forEachElement(ElementVisitor visitor) throws IOException {
            for (Map.Entry<K, V> mapping : map.entrySet()) {
                visitor.visit(out -> {
                    keySerializer.serialize(mapping.getKey(), out);
                    valueSerializer.serialize(mapping.getValue(), out);
                });
            }
        }

        @Override
        public void restoreElement(SegmentInputView in) throws IOException {
            map.put(keySerializer.deserialize(in), valueSerializer.deserialize(in));
        }

        @Override
        public V get(K key) {
            return map.get(key);
        }

        @Override
        public boolean contains(K key) {
            return map.containsKey(key);
        }

        @Override
        public Iterable<Map.Entry<K, V>> entries() {
            return entries;
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public void put(K key, V value) {
            map.put(key, value);
        }

        @Override
        public void remove(K key) {
            map.remove(key);
        }

        @Override
        public void clear() {
            map.clear();
        }
    }
}
