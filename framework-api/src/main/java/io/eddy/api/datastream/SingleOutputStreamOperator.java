package io.eddy.api.datastream;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.transformations.ChainingStrategy;
import io.eddy.api.transformations.SideOutputTransformation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;

/** The stream produced by one operator, with the operator's settings (name, uid, parallelism, type). */
public class SingleOutputStreamOperator<T> extends DataStream<T> {

    public SingleOutputStreamOperator(StreamExecutionEnvironment environment, Transformation<T> transformation) {
        super(environment, transformation);
    }

    /** The operator's name in plans, metrics and the CLI. */
    public SingleOutputStreamOperator<T> name(String name) {
        transformation.setName(name);
        return this;
    }

    /** A stable id that matches the operator's state in savepoints across program changes. */
    public SingleOutputStreamOperator<T> uid(String uid) {
        transformation.setUid(uid);
        return this;
    }

    public SingleOutputStreamOperator<T> setParallelism(int parallelism) {
        transformation.setParallelism(parallelism);
        return this;
    }

    public SingleOutputStreamOperator<T> setMaxParallelism(int maxParallelism) {
        if (maxParallelism < 1) {
            throw new IllegalArgumentException("Max parallelism must be at least 1, was " + maxParallelism);
        }
        transformation.setMaxParallelism(maxParallelism);
        return this;
    }

    /** Declares the output type where it could not be derived (a lambda whose generic type was erased). */
    public SingleOutputStreamOperator<T> returns(TypeInfo<T> type) {
        transformation.setOutputType(type);
        return this;
    }

    public SingleOutputStreamOperator<T> returns(Class<T> type) {
        return returns(TypeExtractor.forClass(type));
    }

    public SingleOutputStreamOperator<T> returns(TypeHint<T> hint) {
        return returns(hint.getTypeInfo());
    }

    /** Runs this operator in a task of its own, not chained to its neighbours. */
    public SingleOutputStreamOperator<T> disableChaining() {
        transformation.setChainingStrategy(ChainingStrategy.NEVER);
        return this;
    }

    /** Begins a new chain at this operator; following operators may still chain to it. */
    public SingleOutputStreamOperator<T> startNewChain() {
        transformation.setChainingStrategy(ChainingStrategy.HEAD);
        return this;
    }

    /** The records the operator emitted to the side output {@code tag}, as a stream. */
    public <X> DataStream<X> getSideOutput(OutputTag<X> tag) {
        return new DataStream<>(environment, new SideOutputTransformation<>(transformation, tag));
    }
}
