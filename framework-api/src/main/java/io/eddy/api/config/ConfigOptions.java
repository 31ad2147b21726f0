package io.eddy.api.config;

import java.time.Duration;

/**
 * Builder for {@link ConfigOption}s:
 * {@code ConfigOptions.key("parallelism.default").intType().defaultValue(1).withDescription("…")}.
 */
public final class ConfigOptions {
    private ConfigOptions() {}

    public static Key key(String key) {
        return new Key(key);
    }

    /** First step: the key. */
    public static final class Key {
        private final String key;

        Key(String key) {
            this.key = key;
        }

        public Typed<Integer> intType() {
            return new Typed<>(key, Integer.class);
        }

        public Typed<Long> longType() {
            return new Typed<>(key, Long.class);
        }

        public Typed<Double> doubleType() {
            return new Typed<>(key, Double.class);
        }

        public Typed<Boolean> booleanType() {
            return new Typed<>(key, Boolean.class);
        }

        public Typed<String> stringType() {
            return new Typed<>(key, String.class);
        }

        public Typed<Duration> durationType() {
            return new Typed<>(key, Duration.class);
        }

        public Typed<MemorySize> memoryType() {
            return new Typed<>(key, MemorySize.class);
        }

        public <E extends Enum<E>> Typed<E> enumType(Class<E> type) {
            return new Typed<>(key, type);
        }
    }

    /** Second step: the default, or none. */
    public static final class Typed<T> {
        private final String key;
        private final Class<T> type;

        Typed(String key, Class<T> type) {
            this.key = key;
            this.type = type;
        }

        public ConfigOption<T> defaultValue(T value) {
            return new ConfigOption<>(key, type, value, null);
        }

        public ConfigOption<T> noDefaultValue() {
            return new ConfigOption<>(key, type, null, null);
        }
    }
}
