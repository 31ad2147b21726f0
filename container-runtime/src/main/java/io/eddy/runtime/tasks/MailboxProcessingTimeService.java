package io.eddy.runtime.tasks;

import io.eddy.api.operators.ProcessingTimeService;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Processing time of a task on the TaskManager's shared timer thread: when a timer is due, the
 * timer thread only puts a mail into the task's mailbox, and the callback runs in the task thread.
 */
final class MailboxProcessingTimeService implements ProcessingTimeService {
    private final ScheduledExecutorService timerThread;
    private final Mailbox mailbox;
    private final Set<ScheduledFuture<?>> scheduled = ConcurrentHashMap.newKeySet();
    private volatile boolean shutDown;

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
        self[0] = timerThread.schedule(() -> {
            scheduled.remove(self[0]);
            mailbox.put(() -> {
                if (!cancelled.get() && !shutDown) {
                    callback.onProcessingTime(time);
                }
            });
        }, delay, TimeUnit.MILLISECONDS);
        return track(self[0], cancelled);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Callback callback, long initialDelay, long period) {
        AtomicBoolean cancelled = new AtomicBoolean();
        // at most one mail of this callback waits in the mailbox, however slow the task is
        AtomicBoolean pending = new AtomicBoolean();
        Mailbox.Mail mail = () -> {
            pending.set(false);
            if (!cancelled.get() && !shutDown) {
                callback.onProcessingTime(getCurrentProcessingTime());
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

    /** Cancels every timer; called when the task ends. */
    void shutDown() {
        shutDown = true;
        for (ScheduledFuture<?> future : scheduled) {
            future.cancel(false);
        }
        scheduled.clear();
    }
}
