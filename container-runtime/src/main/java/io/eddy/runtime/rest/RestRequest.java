package io.eddy.runtime.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as a handler sees it.
 *
 * @param pathParameters values of the {@code :name} segments of the route
 * @param query query parameters (first value of each)
 * @param body the request body (empty for none)
 */
public record RestRequest(String method, String path, Map<String, String> pathParameters, Map<String, List<String>> query,
        byte[] body) {

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /** The query parameter, or {@code fallback} when absent. */
    public String queryParameter(String name, String fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
