package io.eddy.runtime.translation;

import io.eddy.api.transformations.IterationHeadTransformation;
import io.eddy.api.transformations.Transformation;
import io.eddy.runtime.iteration.Feedback;

import java.util.List;

/**
 * Made by the compiler, not by programs: the end of one output of an iteration's step function, where
 * its records go back to the head ({@link Feedback}). Runs with the iteration's parallelism.
 */
final class IterationTailTransformation extends Transformation<Object> {
    private final IterationHeadTransformation<?> iteration;
    private final Transformation<?> input;
    private final Feedback kind;

    @SuppressWarnings("unchecked")
    IterationTailTransformation(IterationHeadTransformation<?> iteration, Transformation<?> input, Feedback kind,
            int parallelism) {
        super("Iteration tail (" + kind.name().toLowerCase().replace('_', ' ') + ")",
                input.hasOutputType() ? (io.eddy.api.types.TypeInfo<Object>) input.getOutputType() : null, parallelism);
        this.iteration = iteration;
        this.input = input;
        this.kind = kind;
    }

    IterationHeadTransformation<?> getIteration() {
        return iteration;
    }

    Transformation<?> getInput() {
        return input;
    }

    Feedback getKind() {
        return kind;
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.of(input);
    }
}
