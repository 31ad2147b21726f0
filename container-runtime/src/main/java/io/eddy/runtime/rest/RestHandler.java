package io.eddy.runtime.rest;

/**
 * Answers one route. The returned object is written as JSON (null gives 204 No Content); a
 * {@link RestException} becomes an error response with its status, anything else a 500.
 */
@FunctionalInterface
public interface RestHandler {
    Object handle(RestRequest request) throws Exception;
}
