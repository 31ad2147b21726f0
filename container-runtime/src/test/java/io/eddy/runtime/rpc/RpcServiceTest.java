package io.eddy.runtime.rpc;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RpcServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    record Echo(String text, List<Map<String, Integer>> nested, Set<Long> ids) {}

    record Add(int a, int b) {}

    record Fail(String why) {}

    record Never() {}

    record Ping(int n) {}

    record Deploy(String task) {}

    private RpcService serverSide;
    private RpcService clientSide;
    private RpcServer server;

    static Configuration config() {
        return new Configuration()
                .set(RpcOptions.HANDSHAKE_TIMEOUT, Duration.ofSeconds(2))
                .set(RpcOptions.CONNECT_TIMEOUT, Duration.ofSeconds(2));
    }

    static RpcService service(String name, Configuration config, String secret) {
        return new RpcService(name, config, ClusterSecret.of(secret), RpcServiceTest.class.getClassLoader());
    }

    @BeforeEach
    void setUp() {
        serverSide = service("server", config(), "s3cret");
        clientSide = service("client", config(), "s3cret");
        server = serverSide.startServer("127.0.0.1", 0);
        server.register(Echo.class, (m, from) -> m)
                .register(Add.class, (m, from) -> m.a() + m.b())
                .register(Fail.class, (m, from) -> {
                    throw new IllegalArgumentException(m.why());
                })
                .register(Never.class, (m, from) -> new CompletableFuture<>());
    }

    @AfterEach
    void tearDown() {
        clientSide.close();
        serverSide.close();
    }

    private RpcClient client() {
        return clientSide.client(server.getAddress());
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static RpcException failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        return assertInstanceOf(RpcException.class, e.getCause());
    }

    @Test
    void askReturnsTheHandlersResultForRecordsAndNestedCollections() throws Exception {
        List<Map<String, Integer>> nested = new ArrayList<>();
        nested.add(new HashMap<>(Map.of("a", 1, "b", 2)));
        nested.add(Map.of("immutable", 3));
        Echo echo = new Echo("héllo", nested, Set.of(1L, 2L, 3L));

        assertEquals(echo, await(client().ask(echo)));
        assertEquals(5, (int) await(client().<Integer>ask(new Add(2, 3))));
    }

    @Test
    void toldMessagesArriveInOrder() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(100);
        server.register(Ping.class, (m, from) -> {
            seen.add(m.n());
            all.countDown();
            return null;
        });
        for (int i = 0; i < 100; i++) {
            client().tell(new Ping(i));
        }
        assertTrue(all.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 100; i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void concurrentAsksGetTheirOwnResponses() throws Exception {
        int threads = 8;
        // 2,000 asks in flight at once: enough to interleave them, few enough for a loaded 2-core machine
        int asksPerThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    List<CompletableFuture<Integer>> responses = new ArrayList<>();
                    for (int i = 0; i < asksPerThread; i++) {
                        responses.add(client().ask(new Add(thread * 1_000_000, i)));
                    }
                    for (int i = 0; i < asksPerThread; i++) {
                        assertEquals(thread * 1_000_000 + i, await(responses.get(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, server.connections().size(), "one connection per peer");
    }

    @Test
    void remoteExceptionCarriesItsClassAndMessage() {
        RpcException e = failure(client().ask(new Fail("no such job")));
        assertEquals(IllegalArgumentException.class.getName(), e.remoteClassName());
        assertTrue(e.getMessage().contains("no such job"), e.getMessage());
        assertTrue(e.getMessage().contains(Fail.class.getName()), e.getMessage());
    }

    @Test
    void messageWithoutHandlerFailsTheAsk() {
        RpcException e = failure(client().ask(new Ping(1)));
        assertTrue(e.getMessage().contains("no handler registered for " + Ping.class.getName()), e.getMessage());
    }

    @Test
    void askTimesOutNamingMessageAndPeer() {
        RpcException e = failure(client().ask(new Never(), Duration.ofMillis(200)));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(e.getMessage().contains(Never.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(client().peer()), e.getMessage());
    }

    @Test
    void unreachablePeerFailsFastWithClearMessage() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        long start = System.nanoTime();
        RpcException e = failure(clientSide.client("127.0.0.1", freePort).ask(new Add(1, 1)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(6));
        assertTrue(e.getMessage().startsWith("cannot reach 127.0.0.1:" + freePort + " ("), e.getMessage());
    }

    @Test
    void serverAsksTheClientOverItsConnection() throws Exception {
        RpcClient taskManager = client().register(Deploy.class, (m, from) -> "deployed " + m.task());
        CompletableFuture<RpcConnection> registered = new CompletableFuture<>();
        server.register(Ping.class, (m, from) -> {
            registered.complete(from);
            return "registered";
        });
        assertEquals("registered", await(taskManager.ask(new Ping(0))));

        RpcConnection toTaskManager = await(registered);
        assertEquals("deployed map-1", await(toTaskManager.ask(new Deploy("map-1"))));
    }

    @Test
    void lostConnectionFailsPendingAsksAndNextCallReconnects() throws Exception {
        CompletableFuture<Object> pending = client().ask(new Never(), Duration.ofSeconds(30));
        assertEquals(3, (int) await(client().<Integer>ask(new Add(1, 2))));

        long start = System.nanoTime();
        server.connections().forEach(RpcConnection::close);
        RpcException e = failure(pending);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        assertTrue(e.getMessage().startsWith("connection to " + client().peer() + " lost"), e.getMessage());

        assertEquals(7, (int) await(client().<Integer>ask(new Add(3, 4))));
    }

    @Test
    void serverShutdownFailsPendingAsks() {
        CompletableFuture<Object> pending = client().ask(new Never(), Duration.ofSeconds(30));
        assertThrows(TimeoutException.class, () -> pending.get(300, TimeUnit.MILLISECONDS), "still pending");
        serverSide.close();
        assertTrue(failure(pending).getMessage().contains("lost"));
    }

    @Test
    void oversizedResponseBecomesAnErrorAndOversizedRequestClosesTheConnection() throws Exception {
        try (RpcService small = service("small", config().set(RpcOptions.MAX_FRAME_SIZE, MemorySize.parse("64kb")), "s3cret")) {
            RpcServer smallServer = small.startServer("127.0.0.1", 0);
            smallServer.register(Ping.class, (m, from) -> new byte[m.n()]);
            smallServer.register(byte[].class, (m, from) -> m.length);
            RpcClient client = clientSide.client(smallServer.getAddress());

            assertEquals(1000, ((byte[]) await(client.ask(new Ping(1000)))).length);
            RpcException tooLargeResponse = failure(client.ask(new Ping(100_000)));
            assertTrue(tooLargeResponse.getMessage().contains("larger than rpc.max-frame-size"), tooLargeResponse.getMessage());

            // the connection survived the failed response; a request over the server's limit ends it
            assertEquals(10, (int) await(client.<Integer>ask(new byte[10])));
            RpcException tooLargeRequest = failure(client.ask(new byte[100_000]));
            assertTrue(tooLargeRequest.getMessage().contains("lost"), tooLargeRequest.getMessage());

            assertEquals(10, (int) await(client.<Integer>ask(new byte[10])));
        }
    }

    @Test
    void requestTooLargeForTheSenderFailsOnlyThatAsk() throws Exception {
        try (RpcService small = service("small", config().set(RpcOptions.MAX_FRAME_SIZE, MemorySize.parse("64kb")), "s3cret")) {
            server.register(byte[].class, (m, from) -> m.length);
            RpcClient client = small.client(server.getAddress());
            RpcException e = failure(client.ask(new byte[100_000]));
            assertTrue(e.getMessage().startsWith("cannot send [B to "), e.getMessage());
            assertEquals(10, (int) await(client.<Integer>ask(new byte[10])));
        }
    }
}
