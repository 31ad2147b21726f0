package io.eddy.runtime.tasks;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;

/**
 * Actions other threads want run in a task's thread: buffer-timeout flushes, timers, checkpoint
 * triggers, cancellation, resumption of a suspended input. The {@link MailboxProcessor} checks
 * {@link #hasMail()} (one volatile read) between elements and runs the mails there, so operator
 * code and state only ever see the task thread.
 *
 * <p>Most mail runs between elements. Mail marked {@link WithinElement} (flushes, cancellation,
 * resumption: it touches no operator and emits no record) may also run inside an element, while
 * the element's output waits for a buffer ({@link #runWithinElement}).
 *
 * <p>{@link #put} and {@link #hasMail()} are thread-safe; {@link #runAll}, {@link #runWithinElement}
 * and {@link #awaitMail} are for the task thread only.
 */
public final class Mailbox {
    /** An action run in the task thread. */
    @FunctionalInterface
    public interface Mail {
        void run() throws Exception;
    }

    /** A mail that may also run inside an element: it touches no operator and emits no record. */
    public static final class WithinElement implements Mail {
        private final Runnable action;

        public WithinElement(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            action.run();
        }
    }

    private final ArrayDeque<Mail> mails = new ArrayDeque<>();
    private volatile boolean hasMail;
    private volatile Thread owner;

    void setOwner(Thread thread) {
        owner = thread;
    }

    /** Enqueues a mail and wakes the task thread if it waits. */
    public void put(Mail mail) {
        synchronized (this) {
            mails.add(mail);
            hasMail = true;
        }
        Thread t = owner;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    public boolean hasMail() {
        return hasMail;
    }

    /** Parks the task thread until a mail is queued. */
    void awaitMail() {
        while (!hasMail) {
            LockSupport.park(this);
        }
    }

    /** Runs the mails queued so far, and any they enqueue. */
    public void runAll() throws Exception {
        while (true) {
            Mail mail;
            synchronized (this) {
                mail = mails.poll();
                if (mail == null) {
                    hasMail = false;
                    return;
                }
            }
            mail.run();
        }
    }

    /**
     * Runs the queued {@link WithinElement} mails, and any they enqueue, in order; other mail stays
     * queued for the end of the element.
     *
     * @return whether other mail waits
     */
    boolean runWithinElement() {
        while (true) {
            WithinElement next = null;
            synchronized (this) {
                for (Iterator<Mail> it = mails.iterator(); it.hasNext(); ) {
                    if (it.next() instanceof WithinElement mail) {
                        it.remove();
                        next = mail;
                        break;
                    }
                }
                if (next == null) {
                    hasMail = !mails.isEmpty();
                    return hasMail;
                }
            }
            next.run();
        }
    }
}
