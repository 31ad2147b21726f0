package io.eddy.ml.pipeline;

import io.eddy.api.dataset.DataSet;
import io.eddy.ml.linalg.LabeledVector;

import java.util.ArrayList;
import java.util.List;

/**
 * Estimators run one after the other: each but the last must learn a {@link Transformer}, whose
 * output the next one learns from. Its model ({@link PipelineModel}) transforms with every stage and
 * then predicts, or transforms, with the last.
 */
public final class Pipeline<M extends Model> implements Estimator<PipelineModel<M>> {
    private final List<Estimator<?>> stages;

    private Pipeline(List<Estimator<?>> stages) {
        this.stages = stages;
    }

    static <N extends Model> Pipeline<N> of(Estimator<?> first, Estimator<N> next) {
        List<Estimator<?>> stages = new ArrayList<>();
        if (first instanceof Pipeline<?> p) {
            stages.addAll(p.stages);
        } else {
            stages.add(first);
        }
        stages.add(next);
        return new Pipeline<>(stages);
    }

    @Override
    @SuppressWarnings("unchecked")
    public PipelineModel<M> fit(DataSet<LabeledVector> training) throws Exception {
        List<Transformer> transformers = new ArrayList<>();
        DataSet<LabeledVector> data = training;
        for (int i = 0; i < stages.size() - 1; i++) {
            Model model = stages.get(i).fit(data);
            if (!(model instanceof Transformer t)) {
                throw new IllegalArgumentException("Stage " + (i + 1) + " of the pipeline (" + stages.get(i).getClass().getSimpleName()
                        + ") learns a " + model.getClass().getSimpleName() + ", which does not transform data: only the last "
                        + "stage may be a predictor");
            }
            transformers.add(t);
            data = t.transform(data);
        }
        M last = (M) stages.get(stages.size() - 1).fit(data);
        return new PipelineModel<>(transformers, last);
    }
}
