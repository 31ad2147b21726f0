package io.eddy.api.transformations;

import io.eddy.api.connector.source.Source;
import io.eddy.api.types.TypeInfo;

import java.util.List;

/** Reads from a {@link Source}. */
public final class SourceTransformation<T> extends Transformation<T> {
    private final Source<T, ?> source;

    public SourceTransformation(String name, Source<T, ?> source, TypeInfo<T> type, int parallelism) {
        super(name, type, parallelism);
        this.source = source;
        setChainingStrategy(ChainingStrategy.HEAD);
    }

    public Source<T, ?> getSource() {
        return source;
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.of();
    }
}
