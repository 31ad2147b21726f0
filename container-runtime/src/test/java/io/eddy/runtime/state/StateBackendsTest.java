package io.eddy.runtime.state;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;
import io.eddy.runtime.keygroups.KeyGroupRange;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.StringSerializer;
import io.eddy.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StateBackendsTest {
    @Test
    void theDefaultTypeIsTheHeapBackend() throws Exception {
        StateBackend backend = StateBackends.fromConfiguration(new Configuration());
        assertInstanceOf(HashMapStateBackend.class, backend);
        CheckpointableKeyedStateBackend<String> keyed = backend.createKeyedStateBackend(StringSerializer.INSTANCE, 128,
                new KeyGroupRange(0, 127), () -> 0L, new SerializerConfig());
        keyed.setCurrentKey("k");
        ValueState<Integer> state = keyed.getState(new ValueStateDescriptor<>("v", Types.INT));
        state.update(7);
        assertEquals(7, state.value());
        assertInstanceOf(HashMapStateBackend.class,
                StateBackends.fromConfiguration(new Configuration().set(StateBackends.TYPE, " HashMap ")));
    }

    @Test
    void anUnknownTypeFailsTheClusterAtStartNamingTheKnownTypes() {
        Configuration config = new Configuration().set(StateBackends.TYPE, "rocksdb");
        IllegalConfigurationException e = assertThrows(IllegalConfigurationException.class,
                () -> new MiniCluster(config).close());
        assertEquals("Unknown state backend type 'rocksdb' in 'state.backend.type': known types are hashmap"
                + " (a backend of another module needs that module on the class path)", e.getMessage());
    }
}
