package io.eddy.runtime.operators.batch;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.tuple.Tuple2;
import io.eddy.runtime.io.IOManager;
import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.memory.MemoryManager;
import io.eddy.runtime.operators.RecordIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records kept in a memory budget first, then in a spill file: read back whole and in order, as often
 * as asked, whether they fit into the budget, overflow it, or have no budget at all; the pages go back
 * and the file goes away on close.
 */
class SpilledRecordsTest {
    private static final int PAGE = 4096;
    private static final TypeSerializer<Tuple2<Long, String>> SERIALIZER =
            new TypeHint<Tuple2<Long, String>>() {}.getTypeInfo().createSerializer(new SerializerConfig());

    @TempDir
    Path tmp;

    private MemoryManager memory;
    private IOManager io;
    private TaskManagedResources resources;

    @BeforeEach
    void setUp() {
        memory = new MemoryManager(1L << 20, PAGE, 1, "test budget");
        io = new IOManager(List.of(tmp));
        resources = new TaskManagedResources(memory, io, 0, "records under test");
    }

    @AfterEach
    void tearDown() {
        io.shutdown();
    }

    /** Record i: (i, a string of i % 50 letters), so records cross page boundaries at varying offsets. */
    private static Tuple2<Long, String> record(long i) {
        return Tuple2.of(i, "r".repeat((int) (i % 50)));
    }

    private static List<Tuple2<Long, String>> readAll(SpilledRecords<Tuple2<Long, String>> records) throws Exception {
        List<Tuple2<Long, String>> all = new ArrayList<>();
        RecordIterator<Tuple2<Long, String>> it = records.read();
        for (Tuple2<Long, String> r = it.next(null); r != null; r = it.next(null)) {
            all.add(r);
        }
        return all;
    }

    private void assertKeepsInOrder(int n, int budgetPages, boolean expectFile) throws Exception {
        FreePages budget = memory.reserve(resources, 0, budgetPages + 1);
        MemorySegment filePage = budget.pop();
        List<Tuple2<Long, String>> expected = new ArrayList<>();
        try (SpilledRecords<Tuple2<Long, String>> records =
                new SpilledRecords<>(SERIALIZER, resources, filePage, budgetPages == 0 ? null : budget)) {
            for (long i = 0; i < n; i++) {
                records.add(record(i));
                expected.add(record(i));
            }
            assertEquals(n, records.size());
            assertEquals(expected, readAll(records));
            assertEquals(expected, readAll(records), "a second read starts from the first record again");
            assertEquals(expectFile ? 1 : 0, resources.spillFiles());
            if (expectFile && budgetPages > 0) {
                assertEquals(0, budget.size(), "the whole budget is filled before the file");
            }
            if (!expectFile) {
                assertTrue(budget.size() < budgetPages, "the records are in pages of the budget");
            }
        }
        assertEquals(0, resources.spillFiles(), "the file is deleted on close");
        assertEquals(budget.capacity() - 1, budget.size(), "the memory pages are given back on close");
        budget.push(filePage);
        budget.close();
    }

    @Test
    void recordsThatFitStayInMemory() throws Exception {
        assertKeepsInOrder(500, 20, false);
    }

    @Test
    void recordsBeyondTheBudgetContinueInTheFile() throws Exception {
        assertKeepsInOrder(20_000, 8, true);
    }

    @Test
    void withoutABudgetAllRecordsGoToTheFile() throws Exception {
        assertKeepsInOrder(5_000, 0, true);
    }

    @Test
    void noRecordsReadAsNone() throws Exception {
        FreePages budget = memory.reserve(resources, 0, 4);
        try (SpilledRecords<Tuple2<Long, String>> records = new SpilledRecords<>(SERIALIZER, resources, budget.pop(), budget)) {
            assertEquals(List.of(), readAll(records));
        }
        budget.close();
    }

    @Test
    void addingAfterReadingIsRefused() throws Exception {
        FreePages budget = memory.reserve(resources, 0, 4);
        try (SpilledRecords<Tuple2<Long, String>> records = new SpilledRecords<>(SERIALIZER, resources, budget.pop(), budget)) {
            records.add(record(1));
            readAll(records);
            assertThrows(IllegalStateException.class, () -> records.add(record(2)));
        }
        budget.close();
    }
}
