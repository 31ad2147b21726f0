package io.eddy.runtime.operators.sort;

import io.eddy.runtime.io.SpillFile;

/** A sorted run on disk: {@code records} entries of {@code [key][int length][record bytes]}. */
record Run(SpillFile file, long records) {}
