package io.eddy.ml.pipeline;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.linalg.Vector;

/** A predictor whose prediction is a function of one vector: it is shipped with the job and maps each record. */
public interface PointPredictor extends Predictor, java.io.Serializable {
    double predict(Vector features);

    @Override
    default DataSet<Tuple2<Vector, Double>> predict(DataSet<Vector> data) {
        return data.map(new Predict(this)).returns(Types.TUPLE(LinalgTypes.VECTOR, Types.DOUBLE));
    }

    @Override
    default DataSet<Tuple2<Double, Double>> evaluate(DataSet<LabeledVector> data) {
        return data.map(new Evaluate(this)).returns(Types.TUPLE(Types.DOUBLE, Types.DOUBLE));
    }

    record Predict(PointPredictor model) implements MapFunction<Vector, Tuple2<Vector, Double>> {
        @Override
        public Tuple2<Vector, Double> map(Vector v) {
            return Tuple2.of(v, model.predict(v));
        }
    }

    record Evaluate(PointPredictor model) implements MapFunction<LabeledVector, Tuple2<Double, Double>> {
        @Override
        public Tuple2<Double, Double> map(LabeledVector v) {
            return Tuple2.of(v.label(), model.predict(v.features()));
        }
    }
}
