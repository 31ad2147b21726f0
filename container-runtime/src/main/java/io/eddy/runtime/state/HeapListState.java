package io.eddy.runtime.state;

import io.eddy.api.state.ListState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.types.serializers.ListSerializer;
import io.eddy.api.types.serializers.TypeSerializer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** {@link ListState} on the heap: an {@code ArrayList} of the elements, each a {@link TtlValue} under time-to-live. */
final class HeapListState<K, N, T> extends AbstractHeapState<K, N, List<Object>>
        implements ListState<T>, InternalMergingState<K, N, T, Iterable<T>> {

    HeapListState(HeapKeyedStateBackend<K> backend, ListStateDescriptor<T> descriptor,
            TypeSerializer<N> namespaceSerializer) {
        super(backend, descriptor, namespaceSerializer,
                new ListSerializer<>(storedValues(descriptor, backend.serializer(descriptor.getElementType()))));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterable<T> get() {
        List<Object> stored = getStored(currentNamespace);
        if (stored == null) {
            return List.of();
        }
        return ttl == null ? (List<T>) (List<?>) stored : readLive(stored);
    }

    /** The elements a read sees; drops the expired ones from the state. */
    private List<T> readLive(List<Object> stored) {
        long now = ttl.now();
        List<T> visible = new ArrayList<>(stored.size());
        int live = 0;
        for (int i = 0; i < stored.size(); i++) {
            @SuppressWarnings("unchecked")
            TtlValue<T> element = (TtlValue<T>) stored.get(i);
            T value = ttl.read(element, now);
            if (value != null) {
                visible.add(value);
            }
            if (!ttl.isExpired(element, now)) {
                stored.set(live++, element);
            }
        }
        stored.subList(live, stored.size()).clear();
        if (live == 0) {
            removeStored(currentNamespace);
        }
        return visible;
    }

    @Override
    public void add(T value) {
        Objects.requireNonNull(value, "List state does not accept null elements");
        storedList().add(toStored(value));
    }

    @Override
    public void addAll(List<T> values) {
        List<Object> elements = toStoredElements(values);
        if (!elements.isEmpty()) {
            storedList().addAll(elements);
        }
    }

    @Override
    public void update(List<T> values) {
        List<Object> elements = toStoredElements(values);
        if (elements.isEmpty()) {
            clear();
        } else {
            putStored(currentNamespace, elements);
        }
    }

    @Override
    public void mergeNamespaces(N target, Collection<N> sources) throws Exception {
        List<Object> merged = takeMerged(target, sources, (a, b) -> {
            a.addAll(b);
            return a;
        });
        if (merged != null) {
            putStored(target, merged);
        }
    }

    @Override
    boolean purgeExpired(List<Object> stored, long now) {
        stored.removeIf(element -> ttl.isExpired((TtlValue<?>) element, now));
        return stored.isEmpty();
    }

    private List<Object> storedList() {
        List<Object> stored = getStored(currentNamespace);
        if (stored == null) {
            stored = new ArrayList<>();
            putStored(currentNamespace, stored);
        }
        return stored;
    }

    /** Checks all values before any is stored, so a null leaves the state unchanged. */
    private List<Object> toStoredElements(List<T> values) {
        List<Object> elements = new ArrayList<>(values.size());
        for (T value : values) {
            elements.add(toStored(Objects.requireNonNull(value, "List state does not accept null elements")));
        }
        return elements;
    }
}
