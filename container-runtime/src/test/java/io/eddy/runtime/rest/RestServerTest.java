package io.eddy.runtime.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST server and client over real HTTP on loopback. */
class RestServerTest {
    private RestServer server;
    private RestClient client;

    record Job(String id, String status, int parallelism) {}

    @BeforeEach
    void start() throws Exception {
        server = new RestServer(1024)
                .route("GET", "/jobs", r -> List.of(new Job("a", "RUNNING", 2), new Job("b", "FINISHED", 1)))
                .route("GET", "/jobs/:jobId", r -> {
                    if (!r.pathParameter("jobId").equals("a")) {
                        throw RestException.notFound("No job " + r.pathParameter("jobId"));
                    }
                    return new Job("a", "RUNNING", Integer.parseInt(r.queryParameter("p", "2")));
                })
                .route("POST", "/jobs/:jobId/cancel", r -> null)
                .route("POST", "/echo", r -> Map.of("length", r.body().length, "text", r.bodyText()))
                .route("GET", "/boom", r -> {
                    throw new IllegalStateException("broken handler");
                });
        InetSocketAddress address = server.start("127.0.0.1", 0);
        client = new RestClient("127.0.0.1:" + address.getPort(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void routesWithPathAndQueryParametersAnswerJson() throws Exception {
        JsonNode jobs = client.get("/jobs");
        assertEquals(2, jobs.size());
        assertEquals("FINISHED", jobs.get(1).get("status").asText());
        assertEquals(4, client.get("/jobs/a?p=4").get("parallelism").asInt());
        assertNull(client.post("/jobs/a/cancel", new byte[0], "application/json"), "204 has no body");
        JsonNode echo = client.post("/echo", "héllo".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertEquals("héllo", echo.get("text").asText());
    }

    @Test
    void errorsAreJsonWithStatusAndMessage() {
        RestClient.RestClientException notFound = assertThrows(RestClient.RestClientException.class,
                () -> client.get("/jobs/zz"));
        assertEquals(404, notFound.status());
        assertEquals("No job zz", notFound.getMessage());
        assertEquals(404, assertThrows(RestClient.RestClientException.class, () -> client.get("/nothing")).status());
        RestClient.RestClientException wrongMethod = assertThrows(RestClient.RestClientException.class,
                () -> client.post("/jobs", new byte[0], "application/json"));
        assertEquals(405, wrongMethod.status());
        RestClient.RestClientException internal = assertThrows(RestClient.RestClientException.class,
                () -> client.get("/boom"));
        assertEquals(500, internal.status());
        assertTrue(internal.getMessage().contains("broken handler"), internal.getMessage());
        RestClient.RestClientException tooLarge = assertThrows(RestClient.RestClientException.class,
                () -> client.post("/echo", new byte[5000], "application/octet-stream"));
        assertEquals(413, tooLarge.status());
    }

    @Test
    void garbageOnTheSocketDoesNotHarmTheServer() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0, 1, 2, (byte) 0xff, 13, 10, 13, 10});
            out.write("GARBAGE / HTTP/9.9\r\nContent-Length: -5\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read(new byte[256]);
        }
        assertEquals(2, client.get("/jobs").size(), "the server still serves correct clients");
    }

    @Test
    void anUnreachableServerGivesOneClearLine() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        RestClient nowhere = new RestClient("127.0.0.1:" + freePort, Duration.ofSeconds(2), Duration.ofSeconds(5));
        RestClient.RestClientException e = assertThrows(RestClient.RestClientException.class, () -> nowhere.get("/jobs"));
        assertEquals(0, e.status());
        assertTrue(e.getMessage().startsWith("cannot reach the JobManager at http://127.0.0.1:" + freePort),
                e.getMessage());
    }
}
