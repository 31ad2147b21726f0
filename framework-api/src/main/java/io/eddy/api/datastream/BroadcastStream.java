package io.eddy.api.datastream;

import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.types.TypeInfo;

import java.util.List;

/**
 * A stream whose every element reaches every subtask of the operator it is connected to, together
 * with the broadcast states that operator keeps. Made by {@link DataStreamthere too, since container-runtime's tests cannot depend on test-utils.broadcast(MapStateDescriptor...)};
 * use it through {@link DataStreamthere too, since container-runtime's tests cannot depend on test-utils.connect(BroadcastStream)}.
 */
public final class BroadcastStream<T> {
    private final DataStream<T> broadcasted;
    private final List<MapStateDescriptor<?, ?>> broadcastStateDescriptors;

    BroadcastStream(DataStream<T> broadcasted, List<MapStateDescriptor<?, ?>> broadcastStateDescriptors) {
        this.broadcasted = broadcasted;
        this.broadcastStateDescriptors = broadcastStateDescriptors;
    }

    public StreamExecutionEnvironment getExecutionEnvironment() {
        return broadcasted.getExecutionEnvironment();
    }

    public TypeInfo<T> getType() {
        return broadcasted.getType();
    }

    public List<MapStateDescriptor<?, ?>> getBroadcastStateDescriptors() {
        return broadcastStateDescriptors;
    }

    /** The stream behind a broadcast exchange. */
    DataStream<T> stream() {
        return broadcasted;
    }
}
