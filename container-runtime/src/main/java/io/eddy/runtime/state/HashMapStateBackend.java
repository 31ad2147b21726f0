package io.eddy.runtime.state;

import io.eddy.api.config.Configuration;
import io.eddy.runtime.keygroups.KeyGroupRange;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;

import java.util.function.LongSupplier;

/**
 * Keyed state as objects on the heap, in hash tables per key group ({@link HeapKeyedStateBackend}):
 * the fastest access, limited by the TaskManager's heap. {@code state.backend.type: hashmap}, the default.
 */
public final class HashMapStateBackend implements StateBackend {
    public static final String TYPE = "hashmap";

    @Override
    public <K> CheckpointableKeyedStateBackend<K> createKeyedStateBackend(TypeSerializer<K> keySerializer,
            int maxParallelism, KeyGroupRange range, LongSupplier clock, SerializerConfig serializerConfig) {
        return new HeapKeyedStateBackend<>(keySerializer, maxParallelism, range, clock, serializerConfig);
    }

    /** Registered in {@code META-INF/services}. */
    public static final class Factory implements StateBackendFactory {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public StateBackend create(Configuration config) {
            return new HashMapStateBackend();
        }
    }
}
