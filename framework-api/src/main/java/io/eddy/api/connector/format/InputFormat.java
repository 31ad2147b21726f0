package io.eddy.api.connector.format;

import io.eddy.api.connector.source.SizeEstimate;
import io.eddy.api.types.TypeInfo;

import java.io.Serializable;
import java.util.List;

/**
 * A bounded input read split by split, for {@code ExecutionEnvironment.createInput(format)}: when the job
 * starts, {@link #createInputSplits} divides the input once; the splits are dealt round-robin to the
 * parallel subtasks, and each subtask reads its splits one after the other with {@link #open},
 * {@link #nextRecord} until {@link #reachedEnd}, and {@link #close}.
 *
 * <p>The format is serialized with the job; each subtask works on its own copy, in its task thread, so
 * the methods after {@link #createInputSplits} may keep the open split in fields without locking.
 *
 * @param <S> the split type: serializable, small (it describes a part of the input, it does not hold it)
 */
public interface InputFormat<T, S extends Serializable> extends Serializable {
    /**
     * Divides the input into splits, ideally at least {@code minSplits} (the parallelism) where the input
     * allows. A missing input fails here with a message naming it.
     */
    List<S> createInputSplits(int minSplits) throws Exception;

    /** Starts reading {@code split}. */
    void open(S split) throws Exception;

    /** True when the open split has no more records. */
    boolean reachedEnd() throws Exception;

    /** The next record of the open split, or null to skip (e.g. a record that turned out to be empty). */
    T nextRecord() throws Exception;

    /** Ends the open split; also called after a failure. */
    void close() throws Exception;

    /** The record type, when the format knows it; otherwise {@code createInput(format, type)} declares it. */
    default TypeInfo<T> getProducedType() {
        return null;
    }

    /** What the format knows about the input's size, for the batch optimizer; unknown by default. */
    default SizeEstimate estimateSize() {
        return SizeEstimate.NONE;
    }
}
