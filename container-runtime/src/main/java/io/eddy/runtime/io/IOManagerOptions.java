package io.eddy.runtime.io;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;

/** Where batch operators spill. */
public final class IOManagerOptions {
    private IOManagerOptions() {}

    public static final ConfigOption<String> TMP_DIRS = ConfigOptions.key("io.tmp.dirs")
            .stringType()
            .defaultValue(System.getProperty("java.io.tmpdir"))
            .withDescription("Directories for spill files of sorts, hash tables and blocking results, comma-separated; "
                    + "files are spread over them round-robin, so list one directory per physical disk.");
}
