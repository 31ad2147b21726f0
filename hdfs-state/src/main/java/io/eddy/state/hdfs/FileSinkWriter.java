package io.eddy.state.hdfs;

import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.TwoPhaseCommitWriter;
import io.eddy.api.operators.ProcessingTimeService;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.OperatorListState;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.state.hdfs.PartFileNames.PartFile;
import io.eddy.state.hdfs.PartFileNames.Stage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer of one subtask of an {@link ExactlyOnceFileSink} (see there for the file life cycle
 * and the clean-up rule). Every method, including the processing-time callback that rolls files by
 * time, runs in the task thread, so no field needs a lock.
 */
final class FileSinkWriter<T> implements TwoPhaseCommitWriter<T, FileTransaction> {
    /** Union state: (subtask, its next part number) of every subtask at the checkpoint. */
    static final String NEXT_PART_STATE = "exactly-once-file-sink-next-part";

    private final FileSystem fs;
    private final Path dir;
    private final int subtask;
    private final int parallelism;
    private final Encoder<T> encoder;
    private final RollingPolicy policy;
    private final PartFileNames names;
    private final ProcessingTimeService clock;
    private final OperatorListState<Tuple2<Integer, Long>> nextPartState;
    private final PartFileStream stream = new PartFileStream();
    private final ProcessingTimeService.Cancellable timeCheck;

    /** The number of this subtask's next part file; every part below it was created before. */
    private long nextPart;
    /** The transaction the open file belongs to, or null while no file is open. */
    private FileTransaction openTxn;
    private long openedAt;
    private long recordsInFile;
    /** {@link #recordsInFile} at the last time check, and when it last changed (or the file opened). */
    private long recordsSeen;
    private long lastActive;

    FileSinkWriter(FileSystem fs, Path dir, SinkContext context, Encoder<T> encoder, RollingPolicy policy,
            PartFileNames names) {
        this.fs = fs;
        this.dir = dir;
        this.subtask = context.getIndexOfSubtask();
        this.parallelism = context.getParallelism();
        this.encoder = encoder;
        this.policy = policy;
        this.names = names;
        this.clock = context.getProcessingTimeService();
        TypeInfo<Tuple2<Integer, Long>> entry = Types.TUPLE(Types.INT, Types.LONG);
        this.nextPartState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>(NEXT_PART_STATE, entry));
        long interval = policy.checkIntervalMillis();
        this.timeCheck = clock.scheduleAtFixedRate(this::checkTime, interval, interval);
    }

    /**
     * Deletes what subtasks of earlier attempts wrote after the restored checkpoint, for this
     * subtask's index and every old index at or above the parallelism that maps to it, and continues
     * numbering after the checkpoint (and after any file of this index already in the directory).
     */
    @Override
    public void recoveryFinished(List<FileTransaction> committed, List<FileTransaction> aborted) throws IOException {
        Map<Integer, Long> restored = new HashMap<>();
        for (Tuple2<Integer, Long> e : nextPartState.get()) {
            restored.merge(e.f0, e.f1, Math::max);
        }
        long next = restored.getOrDefault(subtask, 0L);
        for (FileStatus status : fs.listStatus(dir)) {
            PartFile file = names.parse(status.getPath().getName());
            if (file == null || file.subtask() % parallelism != subtask) {
                continue;
            }
            boolean hidden = file.stage() != Stage.COMMITTED;
            if (hidden && file.part() >= restored.getOrDefault(file.subtask(), 0L)) {
                fs.delete(status.getPath(), false); // written after the restored checkpoint: never to be committed
            } else if (file.subtask() == subtask) {
                next = Math.max(next, file.part() + 1);
            }
        }
        nextPart = next;
        nextPartState.update(List.of(Tuple2.of(subtask, nextPart)));
    }

    @Override
    public FileTransaction beginTransaction() {
        return new FileTransaction(subtask, nextPart);
    }

    @Override
    public void write(FileTransaction txn, T element, long timestamp) throws IOException {
        if (openTxn != txn) {
            openFile(txn, element);
        }
        encoder.encode(element, stream);
        recordsInFile++;
        if (stream.size() >= policy.getMaxPartSize()) {
            closeFile();
        }
    }

    private void openFile(FileTransaction txn, T first) throws IOException {
        if (openTxn != null) {
            closeFile();
        }
        long part = nextPart;
        if (txn.files == 0) {
            txn.firstPart = part;
        } else if (txn.firstPart + txn.files != part) {
            throw new IllegalStateException("Part " + part + " does not follow " + txn + ": the transaction was "
                    + "written after another one began");
        }
        stream.start(fs.create(new Path(dir, names.inProgress(subtask, part)), false));
        nextPart = part + 1;
        nextPartState.update(List.of(Tuple2.of(subtask, nextPart)));
        txn.files++;
        openTxn = txn;
        openedAt = clock.getCurrentProcessingTime();
        lastActive = openedAt;
        recordsInFile = 0;
        recordsSeen = 1; // the record that opens the file counts as seen at openedAt
        encoder.writeHeader(first, stream);
    }

    /** Rolls the open file: closes it and makes it pending, in its still open transaction. */
    private void closeFile() throws IOException {
        FileTransaction txn = openTxn;
        openTxn = null;
        stream.finish();
        long part = txn.firstPart + txn.files - 1;
        Path inProgress = new Path(dir, names.inProgress(subtask, part));
        Path pending = new Path(dir, names.pending(subtask, part));
        if (!fs.rename(inProgress, pending)) {
            throw new IOException("Could not rename " + inProgress + " to " + pending);
        }
    }

    private void checkTime(long now) throws IOException {
        if (openTxn == null) {
            return;
        }
        if (recordsInFile != recordsSeen) {
            recordsSeen = recordsInFile;
            lastActive = now;
        }
        if (now - openedAt >= policy.rolloverMillis() || now - lastActive >= policy.inactivityMillis()) {
            closeFile();
        }
    }

    @Override
    public void preCommit(FileTransaction txn) throws IOException {
        if (openTxn == txn) {
            closeFile(); // the rolled files of txn are pending already
        }
    }

    @Override
    public void commit(FileTransaction txn) throws IOException {
        for (long part = txn.firstPart; part < txn.firstPart + txn.files; part++) {
            Path pending = new Path(dir, names.pending(txn.subtask, part));
            Path committed = new Path(dir, names.committed(txn.subtask, part));
            if (!fs.exists(pending)) {
                if (!fs.exists(committed)) {
                    throw new IOException("Cannot commit " + txn + ": neither " + pending + " nor " + committed
                            + " exists, so data of a completed checkpoint is lost. Was the file deleted, the part prefix or"
                            + " suffix changed, or do two jobs write into " + dir + "? Give each job its own directory.");
                }
            } else if (!fs.exists(committed)) {
                if (!fs.rename(pending, committed)) {
                    throw new IOException("Could not commit " + pending + " as " + committed);
                }
            } else if (fs.getFileStatus(pending).getLen() == fs.getFileStatus(committed).getLen()) {
                fs.delete(pending, false); // an earlier commit copied it (a rename that copies) but did not delete it
            } else {
                throw new IOException("Cannot commit " + pending + ": " + committed + " exists with other content."
                        + " Committed files are never overwritten; do two jobs write into " + dir + "?");
            }
        }
    }

    @Override
    public void abort(FileTransaction txn) throws IOException {
        if (openTxn == txn) {
            openTxn = null;
            stream.discard();
        }
        for (long part = txn.firstPart; part < txn.firstPart + txn.files; part++) {
            fs.delete(new Path(dir, names.inProgress(txn.subtask, part)), false);
            fs.delete(new Path(dir, names.pending(txn.subtask, part)), false);
        }
    }

    @Override
    public void close() throws IOException {
        timeCheck.cancel();
        openTxn = null;
        stream.discard(); // an unfinished file is never committed: its transaction is aborted or cleaned up
    }
}
