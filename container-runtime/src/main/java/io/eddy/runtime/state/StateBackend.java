package io.eddy.runtime.state;

import io.eddy.runtime.keygroups.KeyGroupRange;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;

import java.util.function.LongSupplier;

/**
 * Where keyed state lives: objects on the heap ({@code hashmap}, {@link HashMapStateBackend}) or,
 * next, on local disk. A TaskManager gets one from {@link StateBackends#fromConfiguration} (option
 * {@code state.backend.type}) and each keyed operator of its tasks gets its own keyed backend from it.
 *
 * <p>Implementations are stateless and thread-safe: tasks create backends from their own threads.
 */
public interface StateBackend {
    /**
     * The keyed state of one operator in one subtask.
     *
     * @param keySerializer the key type's serializer, for this backend alone (not shared)
     * @param range the key groups this subtask owns
     * @param clock processing time in milliseconds, which state time-to-live is measured with
     * @param serializerConfig makes the serializers of the states' values
     */
    <K> CheckpointableKeyedStateBackend<K> createKeyedStateBackend(TypeSerializer<K> keySerializer, int maxParallelism,
            KeyGroupRange range, LongSupplier clock, SerializerConfig serializerConfig);
}
