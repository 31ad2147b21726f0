package io.eddy.api.dataset;

import io.eddy.api.connector.format.InputFormat;
import io.eddy.api.connector.source.Boundedness;
import io.eddy.api.connector.source.InputStatus;
import io.eddy.api.connector.source.SizeEstimate;
import io.eddy.api.connector.source.Source;
import io.eddy.api.connector.source.SourceOutput;
import io.eddy.api.connector.source.SourceReader;
import io.eddy.api.connector.source.SourceReaderContext;
import io.eddy.api.types.TypeInfo;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link InputFormat} as a bounded source: its input splits are the source's splits, dealt
 * round-robin to the subtasks; each subtask's reader opens its splits one after the other. A split is
 * read again from its start after a restore (DataSet jobs restart from the beginning anyway).
 */
final class InputFormatSource<T, S extends Serializable> implements Source<T, S> {
    private static final long serialVersionUID = 1L;

    private final InputFormat<T, S> format;
    private final TypeInfo<T> type;

    InputFormatSource(InputFormat<T, S> format, TypeInfo<T> type) {
        this.format = format;
        this.type = type;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public List<S> createSplits(int parallelism) throws Exception {
        return format.createInputSplits(parallelism);
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) {
        return new Reader();
    }

    @Override
    public TypeInfo<T> getProducedType() {
        return type;
    }

    @Override
    public SizeEstimate estimateSize() {
        return format.estimateSize();
    }

    private final class Reader implements SourceReader<T, S> {
        private final ArrayDeque<S> pending = new ArrayDeque<>();
        private S open;

        @Override
        public void addSplits(List<S> splits) {
            pending.addAll(splits);
        }

        @Override
        public InputStatus pollNext(SourceOutput<T> output) throws Exception {
            while (true) {
                if (open == null) {
                    open = pending.poll();
                    if (open == null) {
                        return InputStatus.END_OF_INPUT;
                    }
                    format.open(open);
                }
                if (format.reachedEnd()) {
                    format.close();
                    open = null;
                    continue;
                }
                T record = format.nextRecord();
                if (record != null) {
                    output.collect(record);
                    return InputStatus.MORE_AVAILABLE;
                }
            }
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            List<S> state = new ArrayList<>(pending.size() + 1);
            if (open != null) {
                state.add(open);
            }
            state.addAll(pending);
            return state;
        }

        @Override
        public void close() throws Exception {
            if (open != null) {
                open = null;
                format.close();
            }
        }
    }
}
