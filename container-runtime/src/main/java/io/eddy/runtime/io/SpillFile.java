package io.eddy.runtime.io;

import java.nio.file.Path;

/** One spill file: its path and the owner whose finish, cancel or failure deletes it. */
public record SpillFile(Path path, Object owner) {
    @Override
    public String toString() {
        return path.toString();
    }
}
