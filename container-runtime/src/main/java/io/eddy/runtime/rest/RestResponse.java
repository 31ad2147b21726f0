package io.eddy.runtime.rest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response that is not JSON (the dashboard's files, a log as text or as a download): a handler
 * returns it instead of an object to write as JSON.
 *
 * @param headers further headers, e.g. {@code Content-Disposition} for a download
 */
public record RestResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static RestResponse text(String text) {
        return new RestResponse(200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A file the browser saves as {@code fileName} rather than shows. */
    public static RestResponse download(String fileName, byte[] bytes) {
        return new RestResponse(200, "application/octet-stream", bytes,
                Map.of("Content-Disposition", "attachment; filename=\"" + fileName.replace("\"", "") + "\""));
    }
}
