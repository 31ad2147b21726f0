package io.eddy.api.transformations;

import io.eddy.api.partitioning.StreamPartitioner;

import java.util.List;

/** Not an operator: sets how records travel from its input to the operators that consume it. */
public final class PartitionTransformation<T> extends Transformation<T> {
    private final Transformation<T> input;
    private final StreamPartitioner<T> partitioner;

    public PartitionTransformation(Transformation<T> input, StreamPartitioner<T> partitioner) {
        super(partitioner.name(), input.hasOutputType() ? input.getOutputType() : null, input.getParallelism());
        this.input = input;
        this.partitioner = partitioner;
    }

    public Transformation<T> getInput() {
        return input;
    }

    public StreamPartitioner<T> getPartitioner() {
        return partitioner;
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.of(input);
    }
}
