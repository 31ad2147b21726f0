package io.eddy.api.functions.process;

import io.eddy.api.state.BroadcastState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ReadOnlyBroadcastState;

/** How the contexts of broadcast functions reach the broadcast states; provided by the operator. */
public interface BroadcastStateAccess {
    <K, V> BroadcastState<K, V> writable(MapStateDescriptor<K, V> descriptor);

    <K, V> ReadOnlyBroadcastState<K, V> readOnly(MapStateDescriptor<K, V> descriptor);
}
