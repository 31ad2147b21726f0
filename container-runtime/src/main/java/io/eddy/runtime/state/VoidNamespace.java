package io.eddy.runtime.state;

/**
 * The namespace of state that has only one per key: the state a user function gets from its
 * runtime context. Window operators use the window as namespace instead.
 */
public final class VoidNamespace {
    public static final VoidNamespace INSTANCE = new VoidNamespace();

    private VoidNamespace() {}

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "VoidNamespace";
    }
}
