package io.eddy.api.state;

import io.eddy.api.types.serializers.ImmutableSerializer;
import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

/** {@link VoidNamespace}: there is only one, so it takes no bytes. */
public final class VoidNamespaceSerializer extends ImmutableSerializer<VoidNamespace> {
    private static final long serialVersionUID = 1L;

    public static final VoidNamespaceSerializer INSTANCE = new VoidNamespaceSerializer();

    @Override
    public VoidNamespace createInstance() {
        return VoidNamespace.INSTANCE;
    }

    @Override
    public int getLength() {
        return 0;
    }

    @Override
    public void serialize(VoidNamespace record, DataOutputView target) {}

    @Override
    public VoidNamespace deserialize(DataInputView source) {
        return VoidNamespace.INSTANCE;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
