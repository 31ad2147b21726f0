package io.eddy.api.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * One configuration option: its key, type, default and description, declared once next to the
 * code that reads it. Read values with {@link Configurationthere too, since container-runtime's tests cannot depend on test-utils.get(ConfigOption)}.
 */
public final class ConfigOption<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final Class<T> type;
    private final T defaultValue;
    private final String description;

    ConfigOption(String key, Class<T> type, T defaultValue, String description) {
        this.key = Objects.requireNonNull(key);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.description = description == null ? "" : description;
    }

    public String key() {
        return key;
    }

    public Class<T> type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public boolean hasDefaultValue() {
        return defaultValue != null;
    }

    public String description() {
        return description;
    }

    public ConfigOption<T> withDescription(String text) {
        return new ConfigOption<>(key, type, defaultValue, text);
    }

    @Override
    public String toString() {
        return key;
    }
}
