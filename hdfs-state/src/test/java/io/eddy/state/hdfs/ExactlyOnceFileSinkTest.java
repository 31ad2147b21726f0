package io.eddy.state.hdfs;

import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.TwoPhaseCommitWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file life cycle of one subtask's writer: in progress, pending, committed, and recovery. */
class ExactlyOnceFileSinkTest {
    @TempDir
    Path dir;

    private static SinkContext subtask(int index) {
        return new SinkContext() {
            @Override
            public int getIndexOfSubtask() {
                return index;
            }

            @Override
            public int getParallelism() {
                return 2;
            }

            @Override
            public int getAttemptNumber() {
                return 0;
            }

            @Override
            public String getJobId() {
                return "job";
            }
        };
    }

    private List<String> visibleNames() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
        }
    }

    @Test
    void fileBecomesPendingThenVisibleAndCommitIsIdempotent() throws Exception {
        ExactlyOnceFileSink<String> sink = new ExactlyOnceFileSink<>(dir.toUri().toString());
        try (TwoPhaseCommitWriter<String, FileTransaction> writer = sink.createCommittingWriter(subtask(1))) {
            writer.recoveryFinished(List.of(), List.of());
            FileTransaction txn = writer.beginTransaction();
            writer.write(txn, "a", 0);
            writer.write(txn, "b", 0);
            assertEquals(List.of(".part-1-0.inprogress"), visibleNames());
            writer.preCommit(txn);
            assertEquals(List.of(".part-1-0.pending"), visibleNames());
            writer.commit(txn);
            writer.commit(txn); // again, as after a restore
            assertEquals(List.of("part-1-0"), visibleNames());
            assertEquals(List.of("a", "b"), Files.readAllLines(dir.resolve("part-1-0")));

            FileTransaction empty = writer.beginTransaction();
            writer.preCommit(empty);
            writer.commit(empty);
            assertEquals(List.of("part-1-0"), visibleNames());
        }
    }

    @Test
    void recoveryCommitsRestoredAndDeletesWhatTheFailedAttemptLeft() throws Exception {
        ExactlyOnceFileSink<String> sink = new ExactlyOnceFileSink<>(dir.toUri().toString());
        FileTransaction pending;
        FileTransaction open;
        try (TwoPhaseCommitWriter<String, FileTransaction> failed = sink.createCommittingWriter(subtask(0))) {
            failed.recoveryFinished(List.of(), List.of());
            pending = failed.beginTransaction();
            failed.write(pending, "kept", 0);
            failed.preCommit(pending); // checkpoint 1 taken, not yet notified
            open = failed.beginTransaction();
            failed.write(open, "lost", 0);
            failed.preCommit(open); // checkpoint 2 taken, never completed
            FileTransaction later = failed.beginTransaction();
            failed.write(later, "lost too", 0);
        }
        // the restored state of checkpoint 1: 'pending' pre-committed, 'open' open
        open.hasData = false;
        try (TwoPhaseCommitWriter<String, FileTransaction> restored = sink.createCommittingWriter(subtask(0))) {
            restored.commit(pending);
            restored.abort(open);
            restored.recoveryFinished(List.of(pending), List.of(open));
            assertEquals(List.of("part-0-0"), visibleNames());
            FileTransaction next = restored.beginTransaction();
            assertEquals(2, next.part);
        }
        assertEquals(List.of("kept"), Files.readAllLines(dir.resolve("part-0-0")));
        assertFalse(Files.exists(dir.resolve(".part-0-1.pending")));
        assertTrue(Files.exists(dir.resolve("part-0-0")));
    }
}
