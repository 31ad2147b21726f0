package io.eddy.runtime.iteration;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.operators.hash.HashAggregationTable;

import java.util.function.Consumer;

/**
 * A solution set serialized in managed memory: a {@link HashAggregationTable} on the key fields whose
 * "reduction" keeps the newer record, so an update replaces the record of its key (in place when the
 * serialized length is unchanged, as for records of numbers; otherwise the old bytes stay unused until
 * the end). It must fit into its pages: when it does not, the iteration fails with what to do.
 */
final class ManagedSolutionSet implements SolutionSet {
    private final HashAggregationTable<Object> table;
    private final RecordKey<Object> key;
    private final String describe;
    private final int pages;

    ManagedSolutionSet(TypeSerializer<Object> serializer, TypeComparator<Object> comparator, RecordKey<Object> key,
            FreePages pages, String describe) {
        this.table = new HashAggregationTable<>(serializer, comparator, new KeepNewer(), pages);
        this.key = key;
        this.describe = describe;
        this.pages = pages.size();
    }

    @Override
    public void upsert(Object record) throws Exception {
        if (!table.reduce(record)) {
            throw new IllegalStateException("The solution set of " + describe + " does not fit into its " + pages
                    + " pages of managed memory (" + table.size() + " records in this subtask so far): give the "
                    + "TaskManagers more managed memory (taskmanager.memory.managed.size), raise the parallelism, or keep "
                    + "the solution set on the heap with setSolutionSetUnManaged(true).");
        }
    }

    @Override
    public Object get(Object probeKey) throws Exception {
        return table.find(RecordKey.hash(probeKey), stored -> probeKey.equals(key.of(stored)));
    }

    @Override
    public void forEach(Consumer<Object> action) throws Exception {
        table.emitAndReset(action::accept);
    }

    @Override
    public long size() {
        return table.size();
    }

    @Override
    public void close() {
        table.close();
    }

    private static final class KeepNewer implements ReduceFunction<Object> {
        @Override
        public Object reduce(Object stored, Object update) {
            return update;
        }
    }
}
