package io.eddy.runtime.iteration;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** A solution set of objects on the heap, by key ({@code setSolutionSetUnManaged(true)}). */
final class HeapSolutionSet implements SolutionSet {
    private final RecordKey<Object> key;
    private final Map<Object, Object> records = new HashMap<>();

    HeapSolutionSet(RecordKey<Object> key) {
        this.key = key;
    }

    @Override
    public void upsert(Object record) {
        records.put(key.of(record), record);
    }

    @Override
    public Object get(Object key) {
        return records.get(key);
    }

    @Override
    public void forEach(Consumer<Object> action) {
        records.values().forEach(action);
    }

    @Override
    public long size() {
        return records.size();
    }

    @Override
    public void close() {
        records.clear();
    }
}
