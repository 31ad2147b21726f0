package io.eddy.runtime.tasks;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The loop of a task thread: it alternates a <em>default action</em> (read the input, poll the
 * source) with the <em>mail</em> other threads post to the task's {@link Mailbox} (checkpoint
 * triggers and notifications, timers, buffer-timeout flushes, cancellation), until the task says
 * all its actions are completed.
 *
 * <pre>
 *   while not completed:
 *     mail queued?              → run all mail
 *     default action suspended? → park until mail arrives
 *     otherwise                 → run the default action
 * </pre>
 *
 * <p>The default action never blocks. When it cannot go on (no input data, an output without a
 * free buffer, a source with nothing to read, a task waiting for its final checkpoint) it
 * {@linkplain #suspendUntil suspends itself on a future} and returns; the future's completion, on
 * whatever thread completes it, posts a mail that resumes it. So a back-pressured or idle task still
 * runs every mail at once: a source behind a slow sink takes its checkpoint when the trigger arrives,
 * not when a buffer frees. The default action processes elements in a batch and returns as soon as
 * {@link Mailbox#hasMail()} (one volatile read per element) says mail waits; that read is all the
 * loop costs per element when no mail comes. Control state changes (stop, finish, suspend) travel as
 * mail or are made by the task thread itself, so the per-element path reads no other shared field.
 *
 * <p>A resume is only a hint: after it, the default action checks its condition again and may
 * suspend again. So a future that completes late, after the action resumed for another reason,
 * does no harm.
 *
 * <p>Threads: {@link #runMailboxLoop}, {@link #suspend}, {@link #suspendUntil},
 * {@link #resume} and {@link #allActionsCompleted} are for the task thread only (the default action
 * and mails call them); the futures given to {@link #suspendUntil} may complete on any thread.
 */
public final class MailboxProcessor {
    /** The work between mails; see the class comment for its contract. */
    @FunctionalInterface
    public interface DefaultAction {
        /**
         * Processes elements until there is nothing to do now, mail waits, or it suspended itself;
         * runs in the task thread.
         */
        void run() throws Exception;
    }

    private final Mailbox mailbox;
    private final DefaultAction action;
    /** The default action waits for a resume; task thread only. */
    private boolean suspended;
    /** The future a resume was registered on last; task thread only. */
    private CompletableFuture<?> awaited;
    /** The loop ends; task thread only. */
    private boolean completed;
    /** Time parked while suspended, written by the task thread when a wait ends; read by metric threads. */
    private volatile long suspendedNanos;
    /** When the current park began, 0 while not parked; task thread writes. */
    private volatile long suspendedSince;
    private final Mailbox.Mail resumeMail = new Mailbox.WithinElement(this::resume);
    /** Posts {@link #resumeMail}; called on the thread that completes a future the action waits for. */
    private final BiConsumer<Object, Throwable> resumeOnCompletion;

    public MailboxProcessor(Mailbox mailbox, DefaultAction action) {
        this.mailbox = mailbox;
        this.action = action;
        this.resumeOnCompletion = (value, failure) -> mailbox.put(resumeMail);
    }

    /** Runs until {@link #allActionsCompleted()}; a mail or the default action that throws ends it with that exception. */
    public void runMailboxLoop() throws Exception {
        while (!completed) {
            if (mailbox.hasMail()) {
                mailbox.runAll();
            } else if (suspended) {
                awaitMail();
            } else {
                action.run();
            }
        }
    }

    /** Parks until mail arrives, counting the wait; apart from the loop so that the loop stays small. */
    private void awaitMail() {
        long start = System.nanoTime();
        suspendedSince = start;
        try {
            mailbox.awaitMail();
        } finally {
            suspendedNanos += System.nanoTime() - start;
            suspendedSince = 0;
        }
    }

    /**
     * Time the task thread spent parked with its default action suspended (no input, no output
     * buffer, nothing to read), including a wait under way; any thread may read it.
     */
    public long suspendedNanos() {
        long since = suspendedSince;
        return suspendedNanos + (since == 0 ? 0 : System.nanoTime() - since);
    }

    /** Stops running the default action until {@link #resume()}: only mail runs meanwhile. */
    public void suspend() {
        suspended = true;
    }

    /**
     * Suspends the default action until {@code future} completes, normally or not. Suspending again
     * on the future already waited for (after a resume for another reason, e.g. a timer) does not
     * register another resume on it, so waiting long costs no memory per wake-up.
     */
    public void suspendUntil(CompletableFuture<?> future) {
        suspended = true;
        if (future != awaited || future.isDone()) {
            awaited = future;
            future.whenComplete(resumeOnCompletion);
        }
    }

    public void resume() {
        suspended = false;
    }

    /** Ends the loop after the current mail or default action returns. */
    public void allActionsCompleted() {
        completed = true;
    }
}
