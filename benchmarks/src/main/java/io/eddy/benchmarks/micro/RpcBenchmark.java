package io.eddy.benchmarks.micro;

import io.eddy.api.config.Configuration;
import io.eddy.runtime.rpc.ClusterSecret;
import io.eddy.runtime.rpc.RpcClient;
import io.eddy.runtime.rpc.RpcServer;
import io.eddy.runtime.rpc.RpcService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Small asks between two RPC services over loopback: {@code roundTrip} is the latency of one ask
 * waited for before the next, {@code pipelined} the throughput of {@value #WINDOW} asks in flight
 * on one connection.
 *
 * <pre>bin/eddy-bench jmh RpcBenchmark</pre>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RpcBenchmark {
    private static final int WINDOW = 1000;

    /** A typical small control message. */
    public record Heartbeat(String taskManager, long sequence) {}

    private RpcService serverSide;
    private RpcService clientSide;
    private RpcClient client;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ClusterSecret secret = ClusterSecret.of("benchmark");
        serverSide = new RpcService("bench-server", new Configuration(), secret, RpcBenchmark.class.getClassLoader());
        clientSide = new RpcService("bench-client", new Configuration(), secret, RpcBenchmark.class.getClassLoader());
        RpcServer server = serverSide.startServer("127.0.0.1", 0);
        server.register(Heartbeat.class, (heartbeat, from) -> heartbeat.sequence());
        client = clientSide.client(server.getAddress());
        client.connect().get(10, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        clientSide.close();
        serverSide.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object roundTrip() throws Exception {
        return client.ask(new Heartbeat("tm-1", sequence++)).get();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(WINDOW)
    public void pipelined() throws Exception {
        CompletableFuture<?>[] responses = new CompletableFuture<?>[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            responses[i] = client.ask(new Heartbeat("tm-1", sequence++));
        }
        CompletableFuture.allOf(responses).get();
    }
}
