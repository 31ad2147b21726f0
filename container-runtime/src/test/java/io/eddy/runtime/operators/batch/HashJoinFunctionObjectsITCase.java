package io.eddy.runtime.operators.batch;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.JoinHint;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hybrid hash joins whose function changes and emits an input object itself, as functions may: the
 * join reuses its build-side instance from match to match, so an instance handed on and then changed
 * by a later match, or a probe record changed before it was joined, would show in the output. Every
 * variant gives exactly the rows plain Java gives: either side building, inner and left outer, a
 * variable-length side, and a build side of about 2.5 MB per subtask against 1 MB of managed memory
 * per slot (its partitions spilled and joined again one level deeper).
 */
class HashJoinFunctionObjectsITCase {
    private static final int ORDERS = 150_000;
    private static final int CUSTOMERS = 10_000;
    /** Orders name customers below this; those from {@link #CUSTOMERS} on do not exist. */
    private static final int CUSTOMER_IDS = 12_000;

    @TempDir
    Path spillDir;

    private ExecutionEnvironment env(String managedMemory) {
        return SmallManagedMemory.environment(managedMemory, spillDir);
    }

    private static long customerOf(long order) {
        return (order * 7_919) % CUSTOMER_IDS;
    }

    private static String nameOf(long customer) {
        return "customer-" + "x".repeat((int) (customer % 13)) + customer;
    }

    /**
     * Orders (order, customer) joined with customers (customer, name) on the customer; the function
     * returns the order object itself with the name's length added to its order number, or for an
     * order without customer (left outer join) the order with its number negated.
     */
    @ParameterizedTest(name = "{0}, {1}, {2} managed")
    @CsvSource({
            "REPARTITION_HASH_SECOND, inner, 32mb",
            "REPARTITION_HASH_FIRST, inner, 32mb",
            "REPARTITION_HASH_FIRST, inner, 2mb",
            "REPARTITION_HASH_SECOND, leftOuter, 2mb",
            "REPARTITION_HASH_FIRST, leftOuter, 2mb"})
    void aJoinEmittingItsInputObjectsGivesThePlainJavaRows(JoinHint hint, String kind, String memory) throws Exception {
        ExecutionEnvironment env = env(memory);
        DataSet<Tuple2<Long, Long>> orders = env.generateSequence(0, ORDERS - 1)
                .map(o -> Tuple2.of(o, customerOf(o))).returns(Types.TUPLE(Types.LONG, Types.LONG));
        DataSet<Tuple2<Long, String>> customers = env.generateSequence(0, CUSTOMERS - 1)
                .map(c -> Tuple2.of(c, nameOf(c))).returns(Types.TUPLE(Types.LONG, Types.STRING));
        JoinFunction<Tuple2<Long, Long>, Tuple2<Long, String>, Tuple2<Long, Long>> annotate = (order, customer) -> {
            order.f0 = customer == null ? -order.f0 - 1 : order.f0 * 100 + customer.f1.length();
            return order;
        };
        var joined = kind.equals("inner")
                ? orders.join(customers, hint).where(1).equalTo(0).with(annotate)
                : orders.leftOuterJoin(customers, hint).where(1).equalTo(0).with(annotate);
        List<Tuple2<Long, Long>> actual = new ArrayList<>(joined.returns(Types.TUPLE(Types.LONG, Types.LONG)).collect());

        List<Tuple2<Long, Long>> expected = new ArrayList<>();
        for (long o = 0; o < ORDERS; o++) {
            long customer = customerOf(o);
            if (customer < CUSTOMERS) {
                expected.add(Tuple2.of(o * 100 + nameOf(customer).length(), customer));
            } else if (kind.equals("leftOuter")) {
                expected.add(Tuple2.of(-o - 1, customer));
            }
        }
        actual.sort((a, b) -> Long.compare(a.f0, b.f0));
        expected.sort((a, b) -> Long.compare(a.f0, b.f0));
        assertEquals(expected.size(), actual.size());
        assertEquals(expected, actual);
        try (Stream<Path> left = Files.walk(spillDir)) {
            assertEquals(List.of(), left.filter(Files::isRegularFile).toList(), "spill files left behind");
        }
    }
}
