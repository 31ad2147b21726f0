package io.eddy.api.connector.source;

import io.eddy.api.types.TypeInfo;

import java.io.Serializable;
import java.util.List;

/**
 * The one interface for reading data into a job, bounded or not. A source divides its input into
 * splits (file ranges, number ranges, partitions); when the job starts, {@link #createSplits}
 * runs once and the splits are dealt round-robin to the parallel readers.
 *
 * <p>A source is serialized with the job; it must be {@link Serializable} and cheap to copy.
 */
public interface Source<T, SplitT extends Serializable> extends Serializable {
    Boundedness getBoundedness();

    /**
     * Divides the input for {@code parallelism} readers. May return more splits than readers (they
     * are dealt round-robin) or fewer (some readers stay idle). A missing input fails here with a
     * message naming it.
     */
    List<SplitT> createSplits(int parallelism) throws Exception;

    SourceReader<T, SplitT> createReader(SourceReaderContext context) throws Exception;

    /** The type of the records, when the source knows it; otherwise the caller declares it. */
    default TypeInfo<T> getProducedType() {
        return null;
    }

    /** What the source knows about its size before it runs (the batch optimizer uses it); unknown by default. */
    default SizeEstimate estimateSize() {
        return SizeEstimate.NONE;
    }

    /** The highest useful parallelism, e.g. 1 for a socket; {@code Integer.MAX_VALUE} if unlimited. */
    default int getMaxParallelism() {
        return Integer.MAX_VALUE;
    }
}
