package io.eddy.runtime.tasks;

import io.eddy.api.operators.ProcessingTimeService;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Processing time of a task on the TaskManager's shared timer thread: when a timer is due, the
 * timer thread only puts a mail into the task's mailbox, and the callback runs in the task thread.
 * While the task waits for a stop savepoint, due timers are held back ({@link #holdTimers}): they
 * must not emit after the savepoint's barrier.
 */
final class MailboxProcessingTimeService implements ProcessingTimeService {
    private final ScheduledExecutorService timerThread;
    private final Mailbox mailbox;
    private final Set<ScheduledFuture<?>> scheduled = ConcurrentHashMap.newKeySet();
    private volatile boolean shutDown;
    /** Task thread only: the firings held back while not null. */
    private List<Mailbox.Mail> held;

    MailboxProcessingTimeService(ScheduledExecutorService timerThread, Mailbox mailbox) {
        this.timerThread = timerThread;
        this.mailbox = mailbox;
    }

    @Override
    public long getCurrentProcessingTime() {
        return System.currentTimeMillis();
    }

    @Override
    public Cancellable registerTimer(long time, Callback callback) {
        AtomicBoolean cancelled = new AtomicBoolean();
        long delay = Math.max(0, time - getCurrentProcessingTime());
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        Mailbox.Mail fire = new Mailbox.Mail() {
            @Override
            public void run() throws Exception {
                if (held != null) {
                    held.add(this);
                } else if (!cancelled.get() && !shutDown) {
                    callback.onProcessingTime(time);
                }
            }
        };
        self[0] = timerThread.schedule(() -> {
            scheduled.remove(self[0]);
            mailbox.put(fire);
        }, delay, TimeUnit.MILLISECONDS);
        return track(self[0], cancelled);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Callback callback, long initialDelay, long period) {
        AtomicBoolean cancelled = new AtomicBoolean();
        // at most one mail of this callback waits in the mailbox, however slow the task is
        AtomicBoolean pending = new AtomicBoolean();
        Mailbox.Mail mail = new Mailbox.Mail() {
            @Override
            public void run() throws Exception {
                if (held != null) {
                    held.add(this); // still pending: the timer thread adds no more of it meanwhile
                    return;
                }
                pending.set(false);
                if (!cancelled.get() && !shutDown) {
                    callback.onProcessingTime(getCurrentProcessingTime());
                }
            }
        };
        ScheduledFuture<?> future = timerThread.scheduleAtFixedRate(() -> {
            if (pending.compareAndSet(false, true)) {
                mailbox.put(mail);
            }
        }, initialDelay, period, TimeUnit.MILLISECONDS);
        return track(future, cancelled);
    }

    private Cancellable track(ScheduledFuture<?> future, AtomicBoolean cancelled) {
        scheduled.add(future);
        if (shutDown) {
            future.cancel(false);
        }
        return () -> {
            cancelled.set(true);
            future.cancel(false);
            scheduled.remove(future);
        };
    }

    /** From now on due timers wait instead of firing; task thread only. */
    void holdTimers() {
        held = new ArrayList<>();
    }

    /** Fires the timers held back since {@link #holdTimers} (in the task thread's next mails) and the next ones. */
    void releaseTimers() {
        List<Mailbox.Mail> due = held;
        held = null;
        due.forEach(mailbox::put);
    }

    /** Cancels every timer; called when the task ends. */
    void shutDown() {
        shutDown = true;
        for (ScheduledFuture<?> future : scheduled) {
            future.cancel(false);
        }
        scheduled.clear();
    }
}
