package io.eddy.state.hdfs;

import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.TwoPhaseCommitSink;
import io.eddy.api.connector.sink.TwoPhaseCommitWriter;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/**
 * Writes records exactly once into a directory on any Hadoop file system, in step with checkpoints.
 *
 * <pre>{@code
 * stream.sinkTo(ExactlyOnceFileSink.forRowFormat("hdfs:///out", Encoder.<String>toStringLines())
 *         .withRollingPolicy(RollingPolicy.builder().withMaxPartSize(64 << 20).build())
 *         .build());
 * }</pre>
 *
 * <p><b>Files.</b> Subtask {@code s} numbers its part files {@code 0, 1, 2, ...} and writes file
 * {@code n} as {@code .part-s-n.inprogress}. The file is rolled (closed and renamed to
 * {@code .part-s-n.pending}) at every checkpoint and whenever the {@link RollingPolicy} says so
 * (size, time open, inactivity). The files written between two checkpoints are one transaction
 * ({@link FileTransaction}); when the checkpoint that closed it completes, they are all renamed to
 * the visible {@code part-s-n}. Prefix ({@code part}) and suffix (none) are configurable. Readers
 * should ignore files whose names start with a dot. Without checkpointing, the files are committed
 * at the end of the input.
 *
 * <p><b>Recovery.</b> Pre-committed transactions are kept in the sink's operator state and are
 * committed again on restore (renaming a file that is already visible is a no-op), by whichever
 * subtask the redistributed state gives them to. Each subtask also keeps, in union state that every
 * subtask of a restored job reads, its next part number at the checkpoint: every file of subtask
 * {@code s} numbered at or above it was created after the checkpoint. On restore, subtask {@code j}
 * of parallelism {@code p} deletes the hidden (in-progress and pending) files of every old subtask
 * index {@code i} with {@code i % p == j} that are numbered at or above {@code i}'s restored number
 * (all of them for an index the state does not know, as when the job starts without state): for
 * {@code i < p} that is its own index, and the indexes of subtasks that no longer exist after a
 * scale-down are shared among the new subtasks. This removes what the failed or stopped run wrote
 * after the checkpoint, including the files of checkpoints that never completed, while the pending
 * files the restored state will commit are below that number and left alone. Each index is tidied by
 * exactly one subtask, and before any new checkpoint can complete. A subtask continues numbering
 * after its restored number and after every file of its index in the directory, so a visible file
 * is never overwritten or deleted.
 *
 * <p><b>Limits.</b> Each job needs its own directory: a job starting without state deletes the hidden
 * files of its subtask indexes. Resuming from an older savepoint or checkpoint than the last into the
 * same directory keeps the files committed since, so their records appear twice. A resumed job must keep
 * the part prefix and suffix, or it cannot find the files it is to commit. Commits rely on the
 * file system's rename being atomic (HDFS, local); where rename copies, an interrupted commit is
 * completed on restore if both copies have the same length, and fails naming both otherwise. Output
 * becomes visible only when a checkpoint completes, so the checkpoint interval is its latency; at
 * the end of a bounded job the last files are committed with its final checkpoint.
 */
public final class ExactlyOnceFileSink<T> implements TwoPhaseCommitSink<T, FileTransaction> {
    private static final long serialVersionUID = 1L;

    private final String directory;
    private final Encoder<T> encoder;
    private final RollingPolicy rollingPolicy;
    private final PartFileNames names;

    private ExactlyOnceFileSink(String directory, Encoder<T> encoder, RollingPolicy rollingPolicy, PartFileNames names) {
        this.directory = directory;
        this.encoder = encoder;
        this.rollingPolicy = rollingPolicy;
        this.names = names;
    }

    /**
     * A sink writing each record with {@code encoder} into part files under {@code directory} (a URI
     * or path of any Hadoop file system); e.g. {@link Encoderthere too, since container-runtime's tests cannot depend on test-utils.toStringLines()} or a {@link CsvEncoder}.
     */
    public static <T> Builder<T> forRowFormat(String directory, Encoder<T> encoder) {
        if (directory == null || directory.isBlank()) {
            throw new IllegalArgumentException("ExactlyOnceFileSink needs an output directory, e.g. "
                    + "hdfs:///data/out or file:///tmp/out");
        }
        if (encoder == null) {
            throw new IllegalArgumentException("ExactlyOnceFileSink needs an encoder, e.g. Encoder.toStringLines()");
        }
        return new Builder<>(directory, encoder);
    }

    public String getDirectory() {
        return directory;
    }

    public RollingPolicy getRollingPolicy() {
        return rollingPolicy;
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
        return new FileSinkWriter<>(fs, dir, context, encoder, rollingPolicy, names);
    }

    @Override
    public String toString() {
        return "ExactlyOnceFileSink{" + directory + "/" + names + ", " + rollingPolicy + "}";
    }

    /** Configures an {@link ExactlyOnceFileSink}; see {@link #forRowFormat}. */
    public static final class Builder<T> {
        private final String directory;
        private final Encoder<T> encoder;
        private RollingPolicy rollingPolicy = RollingPolicy.defaults();
        private String prefix = "part";
        private String suffix = "";

        private Builder(String directory, Encoder<T> encoder) {
            this.directory = directory;
            this.encoder = encoder;
        }

        public Builder<T> withRollingPolicy(RollingPolicy rollingPolicy) {
            if (rollingPolicy == null) {
                throw new IllegalArgumentException("withRollingPolicy needs a policy, e.g. RollingPolicy.defaults()");
            }
            this.rollingPolicy = rollingPolicy;
            return this;
        }

        /** The start of part file names, {@code part} by default; must not start with '.' or '_'. */
        public Builder<T> withPartPrefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** The end of part file names, e.g. {@code ".csv"}; none by default. */
        public Builder<T> withPartSuffix(String suffix) {
            this.suffix = suffix;
            return this;
        }

        public ExactlyOnceFileSink<T> build() {
            return new ExactlyOnceFileSink<>(directory, encoder, rollingPolicy, new PartFileNames(prefix, suffix));
        }
    }
}
