package io.eddy.runtime.state;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.types.TypeSerializer;

/** Serializes the {@link VoidNamespace} as nothing. */
public final class VoidNamespaceSerializer extends TypeSerializer<VoidNamespace> {
    private static final long serialVersionUID = 1L;

    public static final VoidNamespaceSerializer INSTANCE = new VoidNamespaceSerializer();

    private VoidNamespaceSerializer() {}

    @Override
    public TypeSerializer<VoidNamespace> duplicate() {
        return this;
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public VoidNamespace createInstance() {
        return VoidNamespace.INSTANCE;
    }

    @Override
    public VoidNamespace copy(VoidNamespace from) {
        return from;
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
