package io.eddy.ml.pipeline;

import java.io.Serializable;
import java.util.Locale;
import java.util.function.Function;

/**
 * A typed parameter of an estimator or model: its name (also the command-line option
 * {@code --name}), what it means, its default, and the values it accepts. Declared once as a
 * {@code public static final} field of the class that reads it; {@link WithParams#params()} finds them.
 *
 * @param <T> Integer, Long, Double, Boolean or String
 */
public final class Param<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A rule a value must follow, with the words that state it in an error. */
    public interface Constraint<T> extends Serializable {
        boolean accepts(T value);

        String describe();
    }

    private final String name;
    private final String description;
    private final Class<T> type;
    private final T defaultValue;
    private final Constraint<T> constraint;

    private Param(String name, String description, Class<T> type, T defaultValue, Constraint<T> constraint) {
        this.name = name;
        this.description = description;
        this.type = type;
        this.defaultValue = defaultValue;
        this.constraint = constraint;
    }

    public static Param<Double> doubleParam(String name, String description, Double defaultValue, Constraint<Double> constraint) {
        return new Param<>(name, description, Double.class, defaultValue, constraint);
    }

    public static Param<Integer> intParam(String name, String description, Integer defaultValue, Constraint<Integer> constraint) {
        return new Param<>(name, description, Integer.class, defaultValue, constraint);
    }

    public static Param<Long> longParam(String name, String description, Long defaultValue) {
        return new Param<>(name, description, Long.class, defaultValue, null);
    }

    public static Param<Boolean> booleanParam(String name, String description, Boolean defaultValue) {
        return new Param<>(name, description, Boolean.class, defaultValue, null);
    }

    public static Param<String> stringParam(String name, String description, String defaultValue, Constraint<String> constraint) {
        return new Param<>(name, description, String.class, defaultValue, constraint);
    }

    public static <N extends Comparable<N>> Constraint<N> atLeast(N minimum) {
        return new Constraint<>() {
            public boolean accepts(N value) {
                return value.compareTo(minimum) >= 0;
            }

            public String describe() {
                return "at least " + minimum;
            }
        };
    }

    public static <N extends Comparable<N>> Constraint<N> greaterThan(N minimum) {
        return new Constraint<>() {
            public boolean accepts(N value) {
                return value.compareTo(minimum) > 0;
            }

            public String describe() {
                return "greater than " + minimum;
            }
        };
    }

    public static <N extends Comparable<N>> Constraint<N> between(N low, N high) {
        return new Constraint<>() {
            public boolean accepts(N value) {
                return value.compareTo(low) >= 0 && value.compareTo(high) <= 0;
            }

            public String describe() {
                return "between " + low + " and " + high;
            }
        };
    }

    public static Constraint<String> oneOf(String... choices) {
        return new Constraint<>() {
            public boolean accepts(String value) {
                return java.util.Arrays.asList(choices).contains(value);
            }

            public String describe() {
                return "one of " + String.join(", ", choices);
            }
        };
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Class<T> type() {
        return type;
    }

    /** The default, or null when the parameter must be set. */
    public T defaultValue() {
        return defaultValue;
    }

    /** Returns {@code value} when it is acceptable, else throws naming the parameter and the rule. */
    public T validate(T value) {
        if (value == null) {
            throw new IllegalArgumentException("Parameter '" + name + "' cannot be null");
        }
        if (constraint != null && !constraint.accepts(value)) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be " + constraint.describe() + ", got " + value);
        }
        return value;
    }

    /** The value written as {@code text} (as on the command line), validated. */
    public T parse(String text) {
        Function<String, ?> parser = switch (type.getSimpleName()) {
            case "Integer" -> Integer::valueOf;
            case "Long" -> Long::valueOf;
            case "Double" -> Double::valueOf;
            case "Boolean" -> s -> switch (s.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new NumberFormatException();
            };
            default -> s -> s;
        };
        try {
            return validate(type.cast(parser.apply(text.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Parameter '" + name + "' takes " + typeWord() + ", got '" + text + "'");
        }
    }

    private String typeWord() {
        return switch (type.getSimpleName()) {
            case "Integer", "Long" -> "an integer";
            case "Double" -> "a number";
            case "Boolean" -> "true or false";
            default -> "a string";
        };
    }

    /** One line for a help text: name, type, default, rule, description. */
    public String describe() {
        return "--" + name + " <" + type.getSimpleName().toLowerCase(Locale.ROOT) + ">" + " (default "
                + (defaultValue == null ? "none: required" : defaultValue) + (constraint == null ? "" : "; " + constraint.describe())
                + "): " + description;
    }

    @Override
    public String toString() {
        return name;
    }
}
