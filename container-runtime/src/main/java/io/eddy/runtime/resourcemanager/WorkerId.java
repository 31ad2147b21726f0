package io.eddy.runtime.resourcemanager;

import java.io.Serializable;
import java.util.Objects;

/** Names one worker (TaskManager process), e.g. a YARN container id; it is the TaskManager's id too. */
public record WorkerId(String value) implements Serializable {
    public WorkerId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
