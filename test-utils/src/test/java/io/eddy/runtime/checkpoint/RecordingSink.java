package io.eddy.runtime.checkpoint;

import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.TwoPhaseCommitSink;
import io.eddy.api.connector.sink.TwoPhaseCommitWriter;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A two-phase-commit sink for tests that keeps its transactions in this JVM: a transaction's
 * records are staged under its id (as durable as pre-committed data must be, since every attempt
 * runs in this JVM) and move to the committed ones on commit, once (commit is idempotent). Tests
 * read what was committed under the sink's name.
 */
public final class RecordingSink<T> implements TwoPhaseCommitSink<T, String> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Object>> STAGED = new ConcurrentHashMap<>();
    private static final Map<String, List<Object>> COMMITTED = new ConcurrentHashMap<>();
    private static final AtomicInteger TRANSACTIONS = new AtomicInteger();

    private final String name;

    public RecordingSink(String name) {
        this.name = name;
    }

    /** Every record committed by the sinks named {@code name}, in no particular order. */
    public static List<Object> committed(String name) {
        List<Object> all = new ArrayList<>();
        COMMITTED.forEach((txn, records) -> {
            if (txn.startsWith(name + "/")) {
                all.addAll(records);
            }
        });
        return all;
    }

    /** Forgets the transactions of the sinks named {@code name}. */
    public static void reset(String name) {
        STAGED.keySet().removeIf(txn -> txn.startsWith(name + "/"));
        COMMITTED.keySet().removeIf(txn -> txn.startsWith(name + "/"));
    }

    @Override
    public TwoPhaseCommitWriter<T, String> createCommittingWriter(SinkContext context) {
        String prefix = name + "/" + context.getIndexOfSubtask() + "-" + context.getAttemptNumber() + "-";
        return new TwoPhaseCommitWriter<>() {
            @Override
            public String beginTransaction() {
                String txn = prefix + TRANSACTIONS.incrementAndGet();
                STAGED.put(txn, Collections.synchronizedList(new ArrayList<>()));
                return txn;
            }

            @Override
            public void write(String transaction, T element, long timestamp) {
                STAGED.get(transaction).add(element);
            }

            @Override
            public void preCommit(String transaction) {}

            @Override
            public void commit(String transaction) {
                List<Object> staged = STAGED.remove(transaction);
                if (staged != null) {
                    COMMITTED.putIfAbsent(transaction, staged);
                }
            }

            @Override
            public void abort(String transaction) {
                STAGED.remove(transaction);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public TypeInfo<String> getTransactionType() {
        return Types.STRING;
    }
}
