package io.eddy.runtime.tasks;

import io.eddy.api.operators.ProcessingTimeService;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Processing time of a task on the TaskManager's shared timer thread. A due timer goes through the
 * task the way an input element does: the timer thread puts a mail into the task's mailbox that
 * only queues the timer ({@link #hasDueTimers()}) and tells the task ({@code onDue}); the task's
 * default action fires queued timers before its next element, under the rule its elements follow:
 * only while it runs, and not while an output has no free buffer. So a timer callback starts with a
 * buffer free, and frequent timers cannot overdraw an output's pool while the task waits for its
 * consumers; due timers also wait while the task waits for a stop savepoint (they must not emit
 * after its barrier) and until its inputs are open.
 *
 * <p>The queueing mail touches no operator, so it may also run inside an element waiting for a
 * buffer ({@link Mailbox.WithinElement}): a timer falling due then does not force the element's
 * output into overdraft buffers.
 *
 * <p>Threads: the timer thread posts mails; everything else, {@link #fireNextDueTimer()} and the
 * callbacks included, runs in the task thread, apart from {@link #registerTimer} and
 * {@link #scheduleAtFixedRate}, which any thread may call.
 */
final class MailboxProcessingTimeService implements ProcessingTimeService {
    /** A timer that fell due, waiting in {@link #due} to be fired by the task. */
    @FunctionalInterface
    private interface DueTimer {
        void fire() throws Exception;
    }

    private final ScheduledExecutorService timerThread;
    private final Mailbox mailbox;
    /** Told in the task thread after a timer was queued, so that a suspended default action runs it. */
    private final Runnable onDue;
    /** The timers not run yet (one-shot) or not cancelled (periodic), for {@link #shutDown()}. */
    private final Set<Scheduled> scheduled = ConcurrentHashMap.newKeySet();
    private volatile boolean shutDown;
    /** Timers due and not fired yet, in the order they fell due; task thread only. */
    private final ArrayDeque<DueTimer> due = new ArrayDeque<>();

    MailboxProcessingTimeService(ScheduledExecutorService timerThread, Mailbox mailbox, Runnable onDue) {
        this.timerThread = timerThread;
        this.mailbox = mailbox;
        this.onDue = onDue;
    }

    @Override
    public long getCurrentProcessingTime() {
        return System.currentTimeMillis();
    }

    @Override
    public Cancellable registerTimer(long time, Callback callback) {
        AtomicBoolean cancelled = new AtomicBoolean();
        long delay = Math.max(0, time - getCurrentProcessingTime());
        Mailbox.Mail queue = queueing(() -> {
            if (!cancelled.get() && !shutDown) {
                callback.onProcessingTime(time);
            }
        });
        Scheduled timer = new Scheduled(cancelled);
        scheduled.add(timer); // before it can run: a timer due at once may run before schedule returns
        return timer.start(timerThread.schedule(() -> {
            scheduled.remove(timer);
            mailbox.put(queue);
        }, delay, TimeUnit.MILLISECONDS));
    }

    @Override
    public Cancellable scheduleAtFixedRate(Callback callback, long initialDelay, long period) {
        AtomicBoolean cancelled = new AtomicBoolean();
        // at most one firing of this callback waits, however slow or back-pressured the task is
        AtomicBoolean pending = new AtomicBoolean();
        Mailbox.Mail queue = queueing(() -> {
            pending.set(false);
            if (!cancelled.get() && !shutDown) {
                callback.onProcessingTime(getCurrentProcessingTime());
            }
        });
        Scheduled timer = new Scheduled(cancelled);
        scheduled.add(timer);
        return timer.start(timerThread.scheduleAtFixedRate(() -> {
            if (pending.compareAndSet(false, true)) {
                mailbox.put(queue);
            }
        }, initialDelay, period, TimeUnit.MILLISECONDS));
    }

    /** The mail that queues {@code timer} for the task's default action. */
    private Mailbox.Mail queueing(DueTimer timer) {
        return new Mailbox.WithinElement(() -> {
            due.add(timer);
            onDue.run();
        });
    }

    /** A timer on the timer thread, in {@link #scheduled} until it ran (one-shot) or is cancelled. */
    private final class Scheduled implements Cancellable {
        private final AtomicBoolean cancelled;
        private volatile ScheduledFuture<?> future;

        Scheduled(AtomicBoolean cancelled) {
            this.cancelled = cancelled;
        }

        Scheduled start(ScheduledFuture<?> scheduledFuture) {
            future = scheduledFuture;
            if (shutDown) {
                scheduledFuture.cancel(false);
            }
            return this;
        }

        @Override
        public void cancel() {
            cancelled.set(true);
            stop();
            scheduled.remove(this);
        }

        void stop() {
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    /** Whether timers wait to be fired; task thread only. */
    boolean hasDueTimers() {
        return !due.isEmpty();
    }

    /** Fires the oldest due timer, if any; task thread only, between elements. */
    void fireNextDueTimer() throws Exception {
        DueTimer timer = due.poll();
        if (timer != null) {
            timer.fire();
        }
    }

    /** Cancels every timer, those already due too; called when the task ends its input or stops. */
    void shutDown() {
        shutDown = true;
        for (Scheduled timer : scheduled) {
            timer.stop();
        }
        scheduled.clear();
    }
}
