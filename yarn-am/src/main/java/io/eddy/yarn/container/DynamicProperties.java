package io.eddy.yarn.container;

import io.eddy.api.config.Configuration;

/** Options given on a command line as {@code -Dkey=value}, applied over the configuration file's. */
public final class DynamicProperties {
    private DynamicProperties() {}

    public static Configuration apply(Configuration config, String[] args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("-D") || eq < 3) {
                throw new IllegalArgumentException("Expected -Dkey=value, got '" + arg + "'");
            }
            config.setString(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return config;
    }
}
