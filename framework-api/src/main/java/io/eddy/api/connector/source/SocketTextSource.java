package io.eddy.api.connector.source;

import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Lines read from a TCP server, for demos and tests ({@code nc -lk 9999}). Unbounded, ends when
 * the server closes the connection. It runs with parallelism 1 and cannot rewind: after a
 * restart it continues with whatever the server sends next.
 */
public final class SocketTextSource implements Source<String, SocketTextSource.Endpoint> {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;
    private final int connectRetries;

    public SocketTextSource(String host, int port, int connectRetries) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("socketTextStream: port " + port + " is not between 1 and 65535");
        }
        this.host = host;
        this.port = port;
        this.connectRetries = connectRetries;
    }

    /** The single split: the server to read from. */
    public record Endpoint(String host, int port) implements Serializable {}

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public List<Endpoint> createSplits(int parallelism) {
        return List.of(new Endpoint(host, port));
    }

    @Override
    public int getMaxParallelism() {
        return 1;
    }

    @Override
    public SourceReader<String, Endpoint> createReader(SourceReaderContext context) {
        return new Reader(connectRetries);
    }

    @Override
    public TypeInfo<String> getProducedType() {
        return Types.STRING;
    }

    /**
     * A fetcher thread reads lines into a bounded queue (so a slow job back-pressures the socket);
     * the task thread polls the queue and never blocks on the network.
     */
    private static final class Reader implements SourceReader<String, Endpoint> {
        private final ArrayBlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
        private final int connectRetries;
        private volatile CompletableFuture<Void> available = new CompletableFuture<>();
        private volatile boolean done;
        private volatile IOException failure;
        private volatile Socket socket;
        private Endpoint endpoint;
        private Thread fetcher;

        Reader(int connectRetries) {
            this.connectRetries = connectRetries;
        }

        @Override
        public void addSplits(List<Endpoint> splits) {
            if (!splits.isEmpty()) {
                endpoint = splits.get(0);
            }
        }

        @Override
        public void start() {
            if (endpoint == null) {
                done = true;
                return;
            }
            fetcher = new Thread(this::fetch, "eddy-socket-source-" + endpoint.host() + ":" + endpoint.port());
            fetcher.setDaemon(true);
            fetcher.start();
        }

        private void fetch() {
            try {
                socket = connect();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    lines.put(line);
                    available.complete(null);
                }
            } catch (IOException e) {
                if (!done) {
                    failure = e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done = true;
                available.complete(null);
            }
        }

        private Socket connect() throws IOException, InterruptedException {
            IOException last = null;
            for (int attempt = 0; attempt <= connectRetries; attempt++) {
                if (attempt > 0) {
                    Thread.sleep(500);
                }
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 5000);
                    return s;
                } catch (IOException e) {
                    s.close();
                    last = e;
                }
            }
            throw new IOException("Cannot connect to the socket source " + endpoint.host() + ":" + endpoint.port()
                    + " (" + last.getMessage() + "). Start the server first, e.g. 'nc -lk " + endpoint.port() + "'.", last);
        }

        @Override
        public InputStatus pollNext(SourceOutput<String> output) throws IOException {
            String line = lines.poll();
            if (line != null) {
                output.collect(line);
                return InputStatus.MORE_AVAILABLE;
            }
            if (failure != null) {
                throw failure;
            }
            if (done && lines.isEmpty()) {
                return InputStatus.END_OF_INPUT;
            }
            CompletableFuture<Void> next = new CompletableFuture<>();
            available = next;
            if (!lines.isEmpty() || done) {
                next.complete(null);
            }
            return InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return available;
        }

        @Override
        public List<Endpoint> snapshotState(long checkpointId) {
            return endpoint == null ? List.of() : List.of(endpoint);
        }

        @Override
        public void close() throws IOException {
            done = true;
            Socket s = socket;
            if (s != null) {
                s.close();
            }
            if (fetcher != null) {
                fetcher.interrupt();
            }
        }
    }
}
