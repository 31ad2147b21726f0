package io.eddy.api.transformations;

import io.eddy.api.functions.OutputTag;

import java.util.List;

/** Not an operator: selects the side output {@code tag} of its input operator as a stream of its own. */
public final class SideOutputTransformation<T> extends Transformation<T> {
    private final Transformation<?> input;
    private final OutputTag<T> tag;

    public SideOutputTransformation(Transformation<?> input, OutputTag<T> tag) {
        super("Side output " + tag.getId(), tag.getType(), input.getParallelism());
        this.input = input;
        this.tag = tag;
    }

    public Transformation<?> getInput() {
        return input;
    }

    public OutputTag<T> getTag() {
        return tag;
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.of(input);
    }
}
