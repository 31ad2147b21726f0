package io.eddy.runtime.state;

import io.eddy.api.memory.SegmentInputView;
import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.KeyGroupsStateHandle;
import io.eddy.runtime.keygroups.KeyGroupRange;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One named content read back from keyed state files, still serialized: states and timer services
 * are registered again by their operator after the restore, and only then are the serializers
 * known. Content whose owner is not registered again before the next snapshot is written into it
 * unchanged, so it is not lost.
 */
final class RestoredContent {
    static final String TIMERS = "Timers";

    private final String name;
    private final String kind;
    private final String format;
    private final KeyGroupRange range;
    /** The sections by key group index in {@link #range}; null where no file had the content. */
    private final byte[][] sections;

    private RestoredContent(String name, String kind, String format, KeyGroupRange range) {
        this.name = name;
        this.kind = kind;
        this.format = format;
        this.range = range;
        this.sections = new byte[range.size()][];
    }

    /**
     * Reads the sections of the key groups of {@code range} from the files, which may come from
     * several subtasks of an earlier run at another parallelism, into {@code states} and {@code timers} by name.
     */
    static void read(List<KeyGroupsStateHandle> handles, CheckpointStorage storage, KeyGroupRange range,
            Map<String, RestoredContent> states, Map<String, RestoredContent> timers) throws IOException {
        for (KeyGroupsStateHandle handle : handles) {
            KeyGroupRange wanted = handle.intersection(range);
            if (wanted.size() == 0) {
                continue;
            }
            try (DataInputStream in = new DataInputStream(
                    new BufferedInputStream(storage.openState(handle.file()), 1 << 16))) {
                RestoredContent[] parts = readHeader(in, handle, range, states, timers);
                // sections follow the header without gaps: the first one's offset is the header's length
                in.skipNBytes(handle.offset(wanted.start()) - handle.offsets()[0]);
                for (int keyGroup = wanted.start(); keyGroup <= wanted.end(); keyGroup++) {
                    int stored = in.readInt();
                    if (stored != keyGroup) {
                        throw new IOException(handle.file().path() + ": expected key group " + keyGroup
                                + " at offset " + handle.offset(keyGroup) + ", found " + stored);
                    }
                    for (RestoredContent part : parts) {
                        byte[] section = new byte[in.readInt()];
                        in.readFully(section);
                        part.add(keyGroup, section, handle);
                    }
                }
            }
        }
    }

    private static RestoredContent[] readHeader(DataInputStream in, KeyGroupsStateHandle handle, KeyGroupRange range,
            Map<String, RestoredContent> states, Map<String, RestoredContent> timers) throws IOException {
        if (in.readInt() != KeyedStateSnapshot.MAGIC) {
            throw new IOException(handle.file().path() + " is not a keyed state file");
        }
        int version = in.readInt();
        if (version != KeyedStateSnapshot.VERSION) {
            throw new IOException(handle.file().path() + " has keyed state format version " + version
                    + "; this version reads " + KeyedStateSnapshot.VERSION);
        }
        KeyGroupRange stored = new KeyGroupRange(in.readInt(), in.readInt());
        if (!stored.equals(handle.range())) {
            throw new IOException(handle.file().path() + " holds key groups " + stored + ", its handle says "
                    + handle.range());
        }
        RestoredContent[] parts = new RestoredContent[in.readInt()];
        for (int i = 0; i < parts.length; i++) {
            String name = in.readUTF();
            String kind = in.readUTF();
            String format = in.readUTF();
            Map<String, RestoredContent> byName = kind.equals(TIMERS) ? timers : states;
            RestoredContent part = byName.computeIfAbsent(name, n -> new RestoredContent(n, kind, format, range));
            if (!part.kind.equals(kind) || !part.format.equals(format)) {
                throw new IOException("'" + name + "' is " + part.kind + " (" + part.format + ") in one state file and "
                        + kind + " (" + format + ") in " + handle.file().path());
            }
            parts[i] = part;
        }
        return parts;
    }

    private void add(int keyGroup, byte[] section, KeyGroupsStateHandle handle) throws IOException {
        int index = keyGroup - range.start();
        if (sections[index] != null) {
            throw new IOException("Key group " + keyGroup + " of '" + name + "' is in more than one state file, also in "
                    + handle.file().path());
        }
        sections[index] = section;
    }

    /** Fills {@code content}, just registered under this name, with what was restored; fails if it is something else. */
    void restoreInto(KeyGroupedContent content) {
        String what = kind.equals(TIMERS) ? "Timer service" : "State";
        if (!kind.equals(content.kind())) {
            throw new IllegalStateException(what + " '" + name + "' was checkpointed as " + kind + " state but is now "
                    + "registered as " + content.kind() + " state: a state keeps its kind across restores; give the "
                    + "new state another name.");
        }
        if (!format.equals(content.format())) {
            throw new IllegalStateException(what + " '" + name + "' was checkpointed as " + format
                    + " but is now registered as " + content.format() + ": changing the type or serializer of a "
                    + "state is not supported.");
        }
        try {
            for (int i = 0; i < sections.length; i++) {
                if (sections[i] != null && sections[i].length > 0) {
                    content.restore(range.start() + i, new SegmentInputView(sections[i]));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the restored " + what.toLowerCase() + " '" + name + "'", e);
        }
    }

    /** Writes the restored sections unchanged into a new snapshot; absent sections as empty ones. */
    KeyedStateSnapshot.Part asPart() {
        return new KeyedStateSnapshot.Part(name, kind, format, (keyGroup, out) -> {
            byte[] section = sections[keyGroup - range.start()];
            if (section != null) {
                out.write(section);
            }
        });
    }
}
