package io.eddy.runtime.rpc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Peers without the secret, and bytes that are not the protocol, cannot harm a server. */
class RpcSecurityTest {
    private static final String SECRET = "the right secret";

    record Add(int a, int b) {}

    private RpcService serverSide;
    private RpcService clientSide;
    private RpcServer server;

    @BeforeEach
    void setUp() {
        serverSide = RpcServiceTest.service("server",
                RpcServiceTest.config().set(RpcOptions.HANDSHAKE_TIMEOUT, Duration.ofMillis(500)), SECRET);
        clientSide = RpcServiceTest.service("client", RpcServiceTest.config(), SECRET);
        server = serverSide.startServer("127.0.0.1", 0);
        server.register(Add.class, (m, from) -> m.a() + m.b());
    }

    @AfterEach
    void tearDown() {
        clientSide.close();
        serverSide.close();
    }

    private void assertServerStillServes() throws Exception {
        RpcClient good = clientSide.client(server.getAddress());
        assertEquals(5, (int) good.<Integer>ask(new Add(2, 3)).get(10, TimeUnit.SECONDS));
    }

    private static RpcException failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(RpcException.class, e.getCause());
    }

    @Test
    void clientWithWrongSecretIsRefusedAndTheServerKeepsServing() throws Exception {
        try (RpcService intruder = RpcServiceTest.service("intruder", RpcServiceTest.config(), "a wrong secret")) {
            RpcClient client = intruder.client(server.getAddress());
            for (int attempt = 0; attempt < 2; attempt++) {
                RpcException e = failure(client.ask(new Add(1, 1)));
                assertTrue(e.getMessage().startsWith("authentication failed: "), e.getMessage());
                assertTrue(e.getMessage().contains("security.cluster-secret"), e.getMessage());
            }
        }
        assertTrue(server.connections().isEmpty());
        assertServerStillServes();
    }

    @Test
    void serverThatCannotProveTheSecretIsRefused() throws Exception {
        try (ServerSocket impostor = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> impostorDone = CompletableFuture.runAsync(() -> {
                try (Socket s = impostor.accept()) {
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    writeFrame(out, 1, new byte[32]); // CHALLENGE
                    readFrame(new DataInputStream(s.getInputStream())); // AUTH_RESPONSE
                    writeFrame(out, 3, new byte[32]); // AUTH_PROOF without knowing the secret
                    s.getInputStream().read();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            RpcClient client = clientSide.client(new InetSocketAddress("127.0.0.1", impostor.getLocalPort()));
            RpcException e = failure(client.ask(new Add(1, 1)));
            assertTrue(e.getMessage().startsWith("authentication failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("could not prove it knows the cluster secret"), e.getMessage());
            impostorDone.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void peerThatNeverAnswersTheHandshakeFailsWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            RpcException e = failure(clientSide.client("127.0.0.1", silent.getLocalPort()).ask(new Add(1, 1)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(6));
            assertTrue(e.getMessage().contains("is it an Eddy RPC endpoint?"), e.getMessage());
        }
    }

    @Test
    void randomBytesCloseOnlyThatConnection() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        try (Socket raw = connectRaw()) {
            try {
                raw.getOutputStream().write(garbage);
            } catch (IOException closedWhileWriting) {
                // the server may already have hung up
            }
            assertClosedByServer(raw);
        }
        assertServerStillServes();
    }

    @Test
    void hugeLengthPrefixClosesOnlyThatConnection() throws Exception {
        try (Socket raw = connectRaw()) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(Integer.MAX_VALUE);
            out.write(new byte[1024]);
            assertClosedByServer(raw);
        }
        assertServerStillServes();
    }

    @Test
    void silentConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (Socket raw = connectRaw()) {
            long start = System.nanoTime();
            assertClosedByServer(raw);
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
        }
        assertServerStillServes();
    }

    @Test
    void unknownFrameTypeAfterAuthenticationClosesOnlyThatConnection() throws Exception {
        try (Socket raw = connectRaw()) {
            authenticate(raw, SECRET);
            writeFrame(new DataOutputStream(raw.getOutputStream()), 99, new byte[8]);
            assertClosedByServer(raw);
        }
        assertServerStillServes();
    }

    @Test
    void undecodablePayloadAfterAuthenticationClosesOnlyThatConnection() throws Exception {
        try (Socket raw = connectRaw()) {
            authenticate(raw, SECRET);
            byte[] garbage = new byte[100];
            new Random(7).nextBytes(garbage);
            garbage[0] = 1; // Kryo: a class written by name, which follows as garbage
            writeFrame(new DataOutputStream(raw.getOutputStream()), 10, garbage); // REQUEST
            assertClosedByServer(raw);
        }
        assertServerStillServes();
    }

    private Socket connectRaw() throws IOException {
        Socket socket = new Socket();
        socket.connect(server.getAddress(), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Runs the client side of the handshake by hand, as a peer knowing {@code secret}. */
    private static void authenticate(Socket socket, String secret) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        byte[] serverNonce = readFrame(in);
        byte[] clientNonce = new byte[32];
        new Random().nextBytes(clientNonce);
        byte[] mac = ClusterSecret.of(secret).hmac("eddy-rpc-client".getBytes(StandardCharsets.US_ASCII), serverNonce, clientNonce);
        byte[] response = new byte[64];
        System.arraycopy(clientNonce, 0, response, 0, 32);
        System.arraycopy(mac, 0, response, 32, 32);
        writeFrame(out, 2, response);
        readFrame(in); // AUTH_PROOF
    }

    private static void writeFrame(DataOutputStream out, int type, byte[] body) throws IOException {
        out.writeInt(1 + 8 + body.length);
        out.writeByte(type);
        out.writeLong(0);
        out.write(body);
        out.flush();
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        in.readByte();
        in.readLong();
        byte[] body = new byte[length - 9];
        in.readFully(body);
        return body;
    }

    /** Reads whatever the server still sends until it closes the connection. */
    private static void assertClosedByServer(Socket socket) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            while (socket.getInputStream().read(buffer) >= 0) {
                // the handshake challenge
            }
        } catch (SocketTimeoutException e) {
            fail("server did not close the connection");
        } catch (IOException reset) {
            // closed while we were still writing
        }
    }
}
