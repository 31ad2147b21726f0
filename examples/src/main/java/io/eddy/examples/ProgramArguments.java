package io.eddy.examples;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs of an example's command line. */
final class ProgramArguments {
    private final Map<String, String> values = new HashMap<>();

    private ProgramArguments() {}

    static ProgramArguments parse(String[] args) {
        ProgramArguments parsed = new ProgramArguments();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected '--name value' pairs, got '" + a + "'");
            }
            parsed.values.put(a.substring(2), args[++i]);
        }
        return parsed;
    }

    String get(String name) {
        return values.get(name);
    }

    long getLong(String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }
}
