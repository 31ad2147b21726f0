package io.eddy.runtime.exchange;

/**
 * How a {@link RecordWriter} gets the first buffer of a new element when its pool has none free,
 * which happens only inside an input element that emits more than the pool holds (between
 * elements the task suspends its input on {@link RecordWriter#getAvailableFuture()} instead).
 * A task's waiter keeps serving its mailbox meanwhile; a writer without a task blocks
 * ({@link BufferPool#requestBlocking}).
 *
 * <p>Called in the producing task's thread.
 */
@FunctionalInterface
public interface BufferWaiter {
    /**
     * A buffer from {@code pool}, or an overdraft buffer ({@link BufferPool#requestOverdraft()});
     * the caller owns it.
     *
     * @throws InterruptedException when the task is cancelled while waiting
     */
    NetworkBuffer awaitBuffer(BufferPool pool) throws InterruptedException;
}
