package io.eddy.state.hdfs;

import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.TwoPhaseCommitSink;
import io.eddy.api.connector.sink.TwoPhaseCommitWriter;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.List;

/**
 * Writes records exactly once into a directory on any Hadoop file system, in step with
 * checkpoints. Each subtask writes into {@code <dir>/.part-<subtask>-<n>.inprogress}; a checkpoint
 * closes the file and renames it to {@code .part-<subtask>-<n>.pending}; when the checkpoint
 * completes it is renamed to the visible {@code <dir>/part-<subtask>-<n>}. After a failure, the
 * pending files of the restored checkpoint are committed (a no-op if they already were), and
 * whatever the failed attempt wrote after that checkpoint is deleted. Readers should ignore files
 * whose names start with a dot. Without checkpointing, the files are committed at the end of the
 * input.
 *
 * <p>Limits: at a changed parallelism the leftovers of subtasks that no longer exist are not
 * cleaned up; a job that fails after a subtask has reached the end of its input may write that
 * subtask's output twice, as no checkpoint follows the end of the input.
 */
public final class ExactlyOnceFileSink<T> implements TwoPhaseCommitSink<T, FileTransaction> {
    private static final long serialVersionUID = 1L;

    private final String directory;
    private final Encoder<T> encoder;

    /** Writes each element's {@code toString()} as a UTF-8 line. */
    public ExactlyOnceFileSink(String directory) {
        this(directory, Encoder.toStringLines());
    }

    public ExactlyOnceFileSink(String directory, Encoder<T> encoder) {
        this.directory = directory;
        this.encoder = encoder;
    }

    public String getDirectory() {
        return directory;
    }

    @Override
    public TypeInfo<FileTransaction> getTransactionType() {
        return Types.POJO(FileTransaction.class);
    }

    @Override
    public TwoPhaseCommitWriter<T, FileTransaction> createCommittingWriter(SinkContext context) throws IOException {
        Path dir = new Path(directory);
        FileSystem fs = dir.getFileSystem(ForklessLocalFileSystem.hadoopConfiguration());
        fs.mkdirs(dir);
        return new Writer<>(fs, dir, context.getIndexOfSubtask(), encoder);
    }

    private static final class Writer<T> implements TwoPhaseCommitWriter<T, FileTransaction> {
        private final FileSystem fs;
        private final Path dir;
        private final int subtask;
        private final Encoder<T> encoder;
        private long nextPart;
        private FileTransaction openTxn;
        private FSDataOutputStream out;

        Writer(FileSystem fs, Path dir, int subtask, Encoder<T> encoder) {
            this.fs = fs;
            this.dir = dir;
            this.subtask = subtask;
            this.encoder = encoder;
        }

        @Override
        public FileTransaction beginTransaction() {
            return new FileTransaction(subtask, nextPart++);
        }

        @Override
        public void write(FileTransaction txn, T element, long timestamp) throws IOException {
            if (openTxn != txn) {
                closeFile();
                out = fs.create(new Path(dir, txn.inProgressName()), true);
                openTxn = txn;
                txn.hasData = true;
            }
            encoder.encode(element, out);
        }

        private void closeFile() throws IOException {
            if (out != null) {
                FSDataOutputStream o = out;
                out = null;
                openTxn = null;
                o.close();
            }
        }

        @Override
        public void preCommit(FileTransaction txn) throws IOException {
            if (openTxn == txn) {
                closeFile();
            }
            if (!txn.hasData) {
                return;
            }
            Path inProgress = new Path(dir, txn.inProgressName());
            Path pending = new Path(dir, txn.pendingName());
            if (!fs.rename(inProgress, pending) && !fs.exists(pending)) {
                throw new IOException("Could not pre-commit " + inProgress + " as " + pending);
            }
        }

        @Override
        public void commit(FileTransaction txn) throws IOException {
            if (!txn.hasData) {
                return;
            }
            Path pending = new Path(dir, txn.pendingName());
            Path committed = new Path(dir, txn.committedName());
            if (fs.exists(pending)) {
                if (fs.exists(committed)) {
                    fs.delete(committed, false); // a stale file of an earlier run: the pending one is ours
                }
                if (!fs.rename(pending, committed)) {
                    throw new IOException("Could not commit " + pending + " as " + committed);
                }
            } else if (!fs.exists(committed)) {
                throw new IOException("Neither " + pending + " nor " + committed + " exists: the pre-committed data is lost");
            }
        }

        @Override
        public void abort(FileTransaction txn) throws IOException {
            if (openTxn == txn) {
                closeFile();
            }
            fs.delete(new Path(dir, txn.inProgressName()), false);
            fs.delete(new Path(dir, txn.pendingName()), false);
        }

        @Override
        public void recoveryFinished(List<FileTransaction> committed, List<FileTransaction> aborted) throws IOException {
            for (FileTransaction t : committed) {
                nextPart = Math.max(nextPart, t.part + 1);
            }
            for (FileTransaction t : aborted) {
                nextPart = Math.max(nextPart, t.part + 1);
            }
            String prefix = ".part-" + subtask + "-";
            for (FileStatus status : fs.listStatus(dir)) {
                String name = status.getPath().getName();
                if (name.startsWith(prefix) && (name.endsWith(".inprogress") || name.endsWith(".pending"))) {
                    fs.delete(status.getPath(), false); // written after the restored checkpoint
                }
            }
        }

        @Override
        public void close() throws IOException {
            closeFile();
        }
    }
}
