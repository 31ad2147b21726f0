package io.eddy.runtime.state;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;

/**
 * Content of a keyed backend that is snapshotted and restored per key group: a keyed state, or
 * the timers of a timer service. Registered with the backend under a name; a restore matches the
 * stored content to it by name, {@link #kind()} and {@link #format()}.
 */
public interface KeyGroupedContent {
    /** What it is, e.g. {@code Value} or {@code Timers}; restoring content of another kind under its name fails. */
    String kind();

    /** The types and serializers of the serialized form; restoring content of another format fails. */
    String format();

    /**
     * The synchronous part of a snapshot, in the task thread: a consistent view of the content
     * that another thread then writes key group by key group while the task goes on.
     */
    Writer snapshot();

    /** Adds what a {@link Writer} wrote for {@code keyGroup}; task thread. */
    void restore(int keyGroup, DataInputView in) throws IOException;

    /** Writes a snapshot's view of one key group; called in the writer thread, in key group order. */
    interface Writer {
        void write(int keyGroup, DataOutputView out) throws IOException;
    }
}
