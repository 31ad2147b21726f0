package io.eddy.runtime.tasks;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;

/**
 * Actions other threads want run in a task's thread: buffer-timeout flushes, timers, checkpoint
 * triggers, cancellation, resumption of a suspended input. The {@link MailboxProcessor} checks
 * {@link #hasMail()} (one volatile read) between elements and runs the mails there, so operator
 * code and state only ever see the task thread.
 *
 * <p>{@link #put} and {@link #hasMail()} are thread-safe; {@link #runAll} and {@link #awaitMail}
 * are for the task thread only.
 */
public final class Mailbox {
    /** An action run in the task thread. */
    @FunctionalInterface
    public interface Mail {
        void run() throws Exception;
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
}
