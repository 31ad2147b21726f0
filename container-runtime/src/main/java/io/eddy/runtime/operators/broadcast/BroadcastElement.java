package io.eddy.runtime.operators.broadcast;

/**
 * A record of broadcast set number {@code set} of an operator, as it arrives among the operator's
 * input records: the channels of a broadcast set decode their records into this holder (see
 * {@link BroadcastSetSerializer}), so no tag travels with the data. The decoder reuses one holder per
 * channel: take the value out before the next record.
 */
public final class BroadcastElement {
    private final int set;
    private Object value;

    public BroadcastElement(int set, Object value) {
        this.set = set;
        this.value = value;
    }

    public int set() {
        return set;
    }

    public Object value() {
        return value;
    }

    void setValue(Object value) {
        this.value = value;
    }
}
