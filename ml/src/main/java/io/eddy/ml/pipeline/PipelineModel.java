package io.eddy.ml.pipeline;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.linalg.Vector;

import java.util.List;

/** The models of a {@link Pipeline}: transformers applied in order, then the last model. */
public final class PipelineModel<M extends Model> implements Predictor, Model {
    private static final long serialVersionUID = 1L;

    private final List<Transformer> transformers;
    private final M last;

    PipelineModel(List<Transformer> transformers, M last) {
        this.transformers = List.copyOf(transformers);
        this.last = last;
    }

    public List<Transformer> transformers() {
        return transformers;
    }

    public M last() {
        return last;
    }

    /** The data transformed by every stage but the last. */
    public DataSet<LabeledVector> prepare(DataSet<LabeledVector> data) {
        for (Transformer t : transformers) {
            data = t.transform(data);
        }
        return data;
    }

    @Override
    public DataSet<Tuple2<Vector, Double>> predict(DataSet<Vector> data) {
        DataSet<Vector> prepared = data;
        for (Transformer t : transformers) {
            prepared = prepared.map(new TransformVector(t)).returns(LinalgTypes.VECTOR);
        }
        return predictor().predict(prepared);
    }

    @Override
    public DataSet<Tuple2<Double, Double>> evaluate(DataSet<LabeledVector> data) {
        return predictor().evaluate(prepare(data));
    }

    /** One {@code stage <class>} entry per stage, each followed by that stage's entries prefixed {@code <stage number>.}. */
    @Override
    public void write(ModelFile file) {
        int i = 0;
        for (Model stage : stages()) {
            file.put("stage", stage.getClass().getName());
            ModelFile own = new ModelFile(stage.getClass().getName());
            stage.write(own);
            own.copyInto(file, i++ + ".");
        }
    }

    public static PipelineModel<Model> read(ModelFile file) throws Exception {
        List<String> classes = file.all("stage");
        java.util.ArrayList<Transformer> transformers = new java.util.ArrayList<>();
        Model last = null;
        for (int i = 0; i < classes.size(); i++) {
            Model stage = file.section(i + ".", classes.get(i)).read();
            if (i < classes.size() - 1) {
                transformers.add((Transformer) stage);
            } else {
                last = stage;
            }
        }
        return new PipelineModel<>(transformers, last);
    }

    private List<Model> stages() {
        java.util.ArrayList<Model> all = new java.util.ArrayList<>();
        for (Transformer t : transformers) {
            all.add((Model) t);
        }
        all.add(last);
        return all;
    }

    private Predictor predictor() {
        if (last instanceof Predictor p) {
            return p;
        }
        throw new UnsupportedOperationException("The last stage of this pipeline (" + last.getClass().getSimpleName()
                + ") does not predict; use prepare(...) to transform data with it");
    }

    private record TransformVector(Transformer transformer) implements MapFunction<Vector, Vector> {
        @Override
        public Vector map(Vector v) {
            return transformer.transform(v);
        }
    }
}
