package io.eddy.api.datastream;

import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.SinkWriter;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobExecutionResult;

import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Hands a job's results to {@code executeAndCollect()} in the same JVM through a bounded queue:
 * a client that reads slowly back-pressures the job instead of buffering without limit.
 */
final class CollectSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** Queues of the iterators of this JVM, by sink id. */
    private static final ConcurrentHashMap<String, ArrayBlockingQueue<Object>> QUEUES = new ConcurrentHashMap<>();

    /** Put after the last element. */
    private static final Object END = new Object();

    private final String id = UUID.randomUUID().toString();

    CollectSink() {
        QUEUES.put(id, new ArrayBlockingQueue<>(4096));
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        ArrayBlockingQueue<Object> queue = QUEUES.get(id);
        if (queue == null) {
            throw new IllegalStateException("executeAndCollect() works on the embedded cluster only: this job runs "
                    + "in another process. Write the results with a sink (writeAsText, sinkTo) instead.");
        }
        return new SinkWriter<>() {
            @Override
            public void write(T element, long timestamp) throws InterruptedException {
                queue.put(element);
            }

            @Override
            public void flush(boolean endOfInput) throws InterruptedException {
                if (endOfInput) {
                    queue.put(END);
                }
            }

            @Override
            public void close() {}
        };
    }

    CloseableIterator<T> iterator(JobClient client) {
        ArrayBlockingQueue<Object> queue = QUEUES.get(id);
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        return new CloseableIterator<>() {
            private Object next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                while (next == null && !ended) {
                    try {
                        Object o = queue.poll(50, TimeUnit.MILLISECONDS);
                        if (o == END) {
                            ended = true;
                        } else if (o != null) {
                            next = o;
                        } else if (result.isDone() && queue.isEmpty()) {
                            result.get(); // rethrows the job's failure
                            ended = true;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while waiting for results of job "
                                + client.getJobId(), e);
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("Job " + client.getJobId() + " failed: "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
                if (ended) {
                    QUEUES.remove(id);
                }
                return next != null;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T value = (T) next;
                next = null;
                return value;
            }

            @Override
            public void close() throws Exception {
                QUEUES.remove(id);
                queue.clear();
                if (!result.isDone()) {
                    client.cancel().get();
                }
                try {
                    result.get();
                } catch (ExecutionException expectedWhenCancelled) {
                    // the job was cancelled because the caller stopped reading; nothing was lost
                }
            }
        };
    }
}
