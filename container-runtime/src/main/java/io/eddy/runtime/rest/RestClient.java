package io.eddy.runtime.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Calls the REST API of a JobManager. Every failure becomes a {@link RestClientException} with
 * one line that says what went wrong: the server's error message, or why it could not be reached.
 */
public final class RestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http;
    private final Duration requestTimeout;

    /** @param address {@code host:port} of the JobManager's REST API */
    public RestClient(String address, Duration connectTimeout, Duration requestTimeout) {
        this.base = "http://" + address;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.requestTimeout = requestTimeout;
    }

    /** The failure of a REST call, with the HTTP status (0 when the server was not reached). */
    public static final class RestClientException extends IOException {
        private static final long serialVersionUID = 1L;

        private final int status;

        RestClientException(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public JsonNode get(String path) throws RestClientException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), path);
    }

    public JsonNode post(String path, byte[] body, String contentType) throws RestClientException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), path);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) throws RestClientException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new RestClientException(0, "cannot reach the JobManager at " + base + " (" + reason(e)
                    + "): is the cluster running (bin/start-cluster.sh)? Check -m host:port or "
                    + "jobmanager.rest.address/jobmanager.rest.port in eddy-conf.yaml", e);
        } catch (HttpTimeoutException e) {
            throw new RestClientException(0, "the JobManager at " + base + " did not answer " + path + " within "
                    + requestTimeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new RestClientException(0, "cannot talk to the JobManager at " + base + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestClientException(0, "interrupted while calling " + base + path, e);
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() >= 400) {
            String message = json != null && json.hasNonNull("error") ? json.get("error").asText()
                    : "HTTP " + response.statusCode();
            throw new RestClientException(response.statusCode(), message, null);
        }
        return json;
    }

    private static JsonNode parse(byte[] body) throws RestClientException {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new RestClientException(0, "the JobManager answered with invalid JSON: " + e.getMessage(), e);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
