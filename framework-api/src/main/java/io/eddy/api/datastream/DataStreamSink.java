package io.eddy.api.datastream;

import io.eddy.api.transformations.ChainingStrategy;
import io.eddy.api.transformations.Transformation;

/** Settings of a sink: name, uid, parallelism. */
public final class DataStreamSink<T> {
    private final Transformation<Void> transformation;

    DataStreamSink(Transformation<Void> transformation) {
        this.transformation = transformation;
    }

    public Transformation<Void> getTransformation() {
        return transformation;
    }

    public DataStreamSink<T> name(String name) {
        transformation.setName("Sink: " + name);
        return this;
    }

    public DataStreamSink<T> uid(String uid) {
        transformation.setUid(uid);
        return this;
    }

    public DataStreamSink<T> setParallelism(int parallelism) {
        transformation.setParallelism(parallelism);
        return this;
    }

    public DataStreamSink<T> disableChaining() {
        transformation.setChainingStrategy(ChainingStrategy.NEVER);
        return this;
    }
}
