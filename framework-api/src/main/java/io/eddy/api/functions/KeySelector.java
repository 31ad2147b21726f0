package io.eddy.api.functions;

/**
 * Extracts the key of an element. The key must be deterministic and implement {@code hashCode}
 * and {@code equals} by value (not identity), because it decides which parallel subtask sees the
 * element.
 */
@FunctionalInterface
public interface KeySelector<IN, KEY> extends Function {
    KEY getKey(IN value) throws Exception;
}
