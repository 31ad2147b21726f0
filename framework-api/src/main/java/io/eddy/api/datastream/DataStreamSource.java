package io.eddy.api.datastream;

import io.eddy.api.transformations.SourceTransformation;

/** The stream read by a source. */
public final class DataStreamSource<T> extends SingleOutputStreamOperator<T> {
    public DataStreamSource(StreamExecutionEnvironment environment, SourceTransformation<T> transformation) {
        super(environment, transformation);
    }
}
