package io.eddy.api.state;

import io.eddy.api.types.TypeInfo;

import java.io.Serializable;
import java.util.Objects;

/** Names a piece of state and its type; the name identifies it within the operator, also in savepoints. */
public abstract class StateDescriptor<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final TypeInfo<T> type;

    protected StateDescriptor(String name, TypeInfo<T> type) {
        this.name = Objects.requireNonNull(name, "state name");
        this.type = Objects.requireNonNull(type, "state type");
    }

    public String getName() {
        return name;
    }

    public TypeInfo<T> getType() {
        return type;
    }
}
