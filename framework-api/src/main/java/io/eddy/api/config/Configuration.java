package io.eddy.api.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Key/value settings. Values arrive as strings (from {@code eddy-conf.yaml} or {@code -D} flags)
 * or as typed objects (set in code) and are converted on {@link #get}; a value that does not
 * convert fails with a message naming the key, the value and the expected form.
 *
 * <p>Not thread-safe; build it, then share it read-only.
 */
public final class Configuration implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TreeMap<String, Object> values = new TreeMap<>();

    public Configuration() {}

    public Configuration(Configuration other) {
        values.putAll(other.values);
    }

    public static Configuration fromMap(Map<String, ?> map) {
        Configuration c = new Configuration();
        map.forEach(c::setString);
        return c;
    }

    public <T> T get(ConfigOption<T> option) {
        Object raw = values.get(option.key());
        if (raw == null) {
            return option.defaultValue();
        }
        return convert(option, raw);
    }

    public <T> Optional<T> getOptional(ConfigOption<T> option) {
        Object raw = values.get(option.key());
        return raw == null ? Optional.empty() : Optional.of(convert(option, raw));
    }

    public boolean contains(ConfigOption<?> option) {
        return values.containsKey(option.key());
    }

    public <T> Configuration set(ConfigOption<T> option, T value) {
        if (value == null) {
            values.remove(option.key());
        } else {
            values.put(option.key(), value);
        }
        return this;
    }

    /** Sets a raw value; it is checked when an option with this key is read. */
    public Configuration setString(String key, Object value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        return this;
    }

    public String getRaw(String key) {
        Object v = values.get(key);
        return v == null ? null : v.toString();
    }

    public void addAll(Configuration other) {
        values.putAll(other.values);
    }

    /** All settings as strings, sorted by key. */
    public Map<String, String> toMap() {
        TreeMap<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> m.put(k, v instanceof Duration d ? d.toMillis() + " ms" : v.toString()));
        return Collections.unmodifiableMap(m);
    }

    private static <T> T convert(ConfigOption<T> option, Object raw) {
        Class<T> type = option.type();
        if (type.isInstance(raw)) {
            return type.cast(raw);
        }
        String text = raw.toString().trim();
        try {
            Object value;
            if (type == Integer.class) {
                value = Integer.parseInt(text);
            } else if (type == Long.class) {
                value = Long.parseLong(text);
            } else if (type == Double.class) {
                value = Double.parseDouble(text);
            } else if (type == Boolean.class) {
                value = parseBoolean(text);
            } else if (type == String.class) {
                value = text;
            } else if (type == Duration.class) {
                value = parseDuration(text);
            } else if (type == MemorySize.class) {
                value = MemorySize.parse(text);
            } else if (type.isEnum()) {
                value = parseEnum(type, text);
            } else {
                throw new IllegalArgumentException("unsupported option type " + type.getName());
            }
            return type.cast(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalConfigurationException("Invalid value '" + raw + "' for option '" + option.key()
                    + "': expected " + describe(type) + detail(e), e);
        }
    }

    private static String detail(IllegalArgumentException e) {
        return e instanceof NumberFormatException || e.getMessage() == null ? "." : " (" + e.getMessage() + ").";
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Double.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as 100 ms, 10 s, 5 min";
        }
        if (type == MemorySize.class) {
            return "a memory size such as 32kb, 64mb, 1g";
        }
        if (type.isEnum()) {
            StringBuilder sb = new StringBuilder("one of");
            for (Object c : type.getEnumConstants()) {
                sb.append(' ').append(c.toString().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            return sb.toString();
        }
        return type.getSimpleName();
    }

    private static Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parseEnum(Class<?> type, String text) {
        String name = text.toUpperCase(Locale.ROOT).replace('-', '_');
        return Enum.valueOf((Class) type, name);
    }

    /** Parses {@code 100}, {@code 100 ms}, {@code 10s}, {@code 5 min}, {@code 2h}, {@code 1d}; a bare number is milliseconds. */
    public static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("no number");
        }
        long n = Long.parseLong(s.substring(0, i));
        String unit = s.substring(i).trim();
        return switch (unit) {
            case "", "ms", "milli", "millis", "milliseconds" -> Duration.ofMillis(n);
            case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(n);
            case "min", "mins", "minute", "minutes", "m" -> Duration.ofMinutes(n);
            case "h", "hour", "hours" -> Duration.ofHours(n);
            case "d", "day", "days" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unknown time unit '" + unit + "'");
        };
    }

    @Override
    public String toString() {
        TreeMap<String, String> shown = new TreeMap<>(toMap());
        // configurations end up in logs: never show secrets there
        shown.replaceAll((key, value) -> key.contains("secret") || key.contains("password") ? "******" : value);
        return shown.toString();
    }
}
