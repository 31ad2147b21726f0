package io.eddy.runtime.memory;

/** An operator asked for more managed memory than its slot's budget has left. */
public final class MemoryAllocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MemoryAllocationException(String message) {
        super(message);
    }
}
