package io.eddy.runtime.exchange.netty;

import io.eddy.api.config.Configuration;
import io.eddy.runtime.exchange.InputChannel;
import io.eddy.runtime.exchange.NetworkBufferPool;
import io.eddy.runtime.exchange.NetworkOptions;
import io.eddy.runtime.exchange.PartitionRegistry;
import io.eddy.runtime.exchange.ResultPartition;
import io.eddy.runtime.exchange.ResultPartitionId;
import io.eddy.runtime.exchange.ResultSubpartition;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The data exchange of one TaskManager: its network memory, the partitions its tasks produce,
 * the server that offers them to other TaskManagers, and the channels its tasks read. A channel
 * whose producer runs in this JVM reads the producer's subpartition directly; one whose producer
 * runs elsewhere is a {@link RemoteInputChannel}.
 *
 * <p>The server only runs after {@link #startServer}; an embedded cluster, where every exchange
 * is local, never starts it, and never creates the client either.
 *
 * <p>Thread-safe.
 */
public final class ExchangeEnvironment implements AutoCloseable {
    private final NetworkBufferPool memory;
    private final PartitionRegistry registry;
    private final int creditsPerChannel;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    /** Null when buffer debloating is off. */
    private final Duration debloatTarget;
    private final Duration debloatPeriod;
    private PartitionServer server;
    private PartitionClient client;

    public ExchangeEnvironment(NetworkBufferPool memory, PartitionRegistry registry, Configuration config) {
        this.memory = memory;
        this.registry = registry;
        this.creditsPerChannel = config.get(NetworkOptions.BUFFERS_PER_CHANNEL);
        this.requestTimeout = config.get(NetworkOptions.REQUEST_TIMEOUT);
        this.connectTimeout = config.get(NetworkOptions.CONNECT_TIMEOUT);
        this.debloatTarget = config.get(NetworkOptions.BUFFER_DEBLOAT_ENABLED)
                ? config.get(NetworkOptions.BUFFER_DEBLOAT_TARGET) : null;
        this.debloatPeriod = config.get(NetworkOptions.BUFFER_DEBLOAT_PERIOD);
        if (debloatTarget != null && (debloatTarget.isNegative() || debloatTarget.isZero())) {
            throw new IllegalArgumentException(NetworkOptions.BUFFER_DEBLOAT_TARGET.key()
                    + " must be positive, e.g. 1 s; it is " + debloatTarget);
        }
        if (debloatPeriod.isNegative() || debloatPeriod.isZero()) {
            throw new IllegalArgumentException(NetworkOptions.BUFFER_DEBLOAT_PERIOD.key()
                    + " must be positive, e.g. 200 ms; it is " + debloatPeriod);
        }
        if (creditsPerChannel < 1) {
            throw new IllegalArgumentException(NetworkOptions.BUFFERS_PER_CHANNEL.key() + " must be at least 1");
        }
    }

    public NetworkBufferPool getNetworkBufferPool() {
        return memory;
    }

    /**
     * How long a consumer's request waits for its producer to register the partition, and how long
     * a consumer waits for the producer's TaskManager to acknowledge the request.
     */
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    /** How long the data in flight to an input may take to drain, or null when buffer debloating is off. */
    public Duration getDebloatTarget() {
        return debloatTarget;
    }

    /** How often an input resizes its buffers when debloating is on. */
    public Duration getDebloatPeriod() {
        return debloatPeriod;
    }

    /** A timeout as error messages show it: whole seconds when it is, milliseconds otherwise. */
    static String format(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Offers this TaskManager's partitions to others on {@code host:port}; returns the bound address. */
    public synchronized InetSocketAddress startServer(String host, int port) throws InterruptedException {
        if (server == null) {
            server = new PartitionServer(registry, requestTimeout);
        }
        return server.start(host, port);
    }

    /** Where other TaskManagers fetch this one's partitions; null when the server is not running. */
    public synchronized InetSocketAddress getDataAddress() {
        return server == null ? null : server.getAddress();
    }

    public void registerPartition(ResultPartition partition) {
        registry.register(partition);
    }

    /**
     * A channel to subpartition {@code subpartition} of {@code partitionId}.
     *
     * @param producer the producer's TaskManager data address, or null when it runs in this JVM
     * @param owner names the consuming task in memory errors
     * @return for a local producer, a future that completes when the producer registered; for a
     *     remote one, a channel at once: its request waits on the producer's side
     */
    public CompletableFuture<InputChannel> openChannel(ResultPartitionId partitionId, int subpartition,
            InetSocketAddress producer, String owner) {
        if (producer == null) {
            return registry.lookup(partitionId).thenApply(p -> new LocalInputChannel(p, p.openReader(subpartition)));
        }
        RemoteInputChannel channel = new RemoteInputChannel(partitionId, subpartition, producer, memory,
                creditsPerChannel, requestTimeout, owner);
        channel.request(client().connection(producer));
        return CompletableFuture.completedFuture(channel);
    }

    synchronized PartitionClient client() {
        if (client == null) {
            client = new PartitionClient(memory.getSegmentSize(), connectTimeout);
        }
        return client;
    }

    /** Frees the partitions a finished or failed job left behind. */
    public void releaseJob(String jobId) {
        registry.releaseJob(jobId);
    }

    /** Frees these partitions (a restarting region's old results). */
    public void releasePartitions(Iterable<ResultPartitionId> ids) {
        ids.forEach(registry::release);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
        if (client != null) {
            client.close();
        }
    }

    /** A producer's subpartition in this JVM: the task reads it directly; only a blocking one's reader is its own. */
    private record LocalInputChannel(ResultPartition partition, ResultSubpartition subpartition) implements InputChannel {
        @Override
        public void announceBufferSize(int bytes) {
            subpartition.announceBufferSize(bytes);
        }

        @Override
        public int ownBuffersInUse() {
            return 0;
        }

        @Override
        public int ownBufferCapacity() {
            return 0;
        }

        @Override
        public void close() {
            partition.closeReader(subpartition);
        }
    }
}
