package io.eddy.runtime.tasks;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop's contract: mail runs while the default action is suspended, a future resumes it, mail ends it. */
class MailboxProcessorTest {

    @Test
    void mailRunsWhileTheDefaultActionWaitsForItsFutureAndTheFutureResumesIt() throws Exception {
        Mailbox mailbox = new Mailbox();
        List<String> events = new ArrayList<>();
        CompletableFuture<Void> bufferFreed = new CompletableFuture<>();
        MailboxProcessor[] processor = new MailboxProcessor[1];
        int[] turns = {0};
        processor[0] = new MailboxProcessor(mailbox, () -> {
            turns[0]++;
            if (turns[0] == 1) {
                events.add("suspend");
                processor[0].suspendUntil(bufferFreed);
                // another thread: a checkpoint trigger, then the consumer frees a buffer once the trigger ran
                mailbox.put(() -> {
                    events.add("checkpoint");
                    new Thread(() -> bufferFreed.complete(null)).start();
                });
            } else {
                events.add("resumed");
                processor[0].allActionsCompleted();
            }
        });
        runInOwnThread(mailbox, processor[0]);
        assertEquals(List.of("suspend", "checkpoint", "resumed"), events);
    }

    @Test
    void aResumeIsOnlyAHintTheActionMaySuspendAgain() throws Exception {
        Mailbox mailbox = new Mailbox();
        CompletableFuture<Void> stale = CompletableFuture.completedFuture(null);
        MailboxProcessor[] processor = new MailboxProcessor[1];
        int[] turns = {0};
        processor[0] = new MailboxProcessor(mailbox, () -> {
            turns[0]++;
            if (turns[0] < 3) {
                processor[0].suspendUntil(stale); // already complete: resumed by the next mail
            } else {
                processor[0].allActionsCompleted();
            }
        });
        runInOwnThread(mailbox, processor[0]);
        assertEquals(3, turns[0]);
    }

    @Test
    void aFailingMailEndsTheLoopWithItsException() {
        Mailbox mailbox = new Mailbox();
        MailboxProcessor processor = new MailboxProcessor(mailbox, () -> {});
        processor.suspend();
        IllegalStateException boom = new IllegalStateException("cancelled");
        mailbox.put(() -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class, processor::runMailboxLoop));
    }

    @Test
    void legalMovesFollowTheDiagram() {
        assertTrue(TaskLifecycle.RUNNING.canMoveTo(TaskLifecycle.STOPPING));
        assertTrue(TaskLifecycle.STOPPING.canMoveTo(TaskLifecycle.RUNNING));
        assertTrue(TaskLifecycle.FINISHING.canMoveTo(TaskLifecycle.CANCELED));
        assertEquals(false, TaskLifecycle.FINISHING.canMoveTo(TaskLifecycle.RUNNING));
        assertEquals(false, TaskLifecycle.FINISHED.canMoveTo(TaskLifecycle.FAILED));
        assertEquals(false, TaskLifecycle.CREATED.canMoveTo(TaskLifecycle.RUNNING));
    }

    /** Runs the loop in a thread that owns the mailbox, as a task thread does. */
    private static void runInOwnThread(Mailbox mailbox, MailboxProcessor processor) throws Exception {
        Exception[] failure = new Exception[1];
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            mailbox.setOwner(Thread.currentThread());
            try {
                processor.runMailboxLoop();
            } catch (Exception e) {
                failure[0] = e;
            }
            done.countDown();
        });
        t.start();
        assertTrue(done.await(30, TimeUnit.SECONDS), "the loop did not end");
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
