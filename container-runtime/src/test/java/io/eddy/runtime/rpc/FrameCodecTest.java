package io.eddy.runtime.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Message payloads survive Kryo encoding unchanged. */
class FrameCodecTest {

    enum State { RUNNING, FINISHED }

    record TaskId(UUID job, int subtask) {}

    record TaskUpdate(TaskId task, State state, Instant at, Optional<String> failure, Map<String, List<Long>> metrics) {}

    record Slots(List<TaskId> free, Set<State> states, TreeMap<String, BigDecimal> resources) {}

    /** Not a record: a plain class without a no-argument constructor. */
    static final class Heartbeat {
        final String from;
        final long sequence;

        Heartbeat(String from, long sequence) {
            this.from = from;
            this.sequence = sequence;
        }
    }

    private static Object roundTrip(Object payload) {
        EmbeddedChannel sender = new EmbeddedChannel(new FrameCodec(FrameCodecTest.class.getClassLoader(), 1 << 20));
        EmbeddedChannel receiver = new EmbeddedChannel(new FrameCodec(FrameCodecTest.class.getClassLoader(), 1 << 20));
        sender.writeOutbound(new Frame(Frame.Type.REQUEST, 42, payload));
        ByteBuf bytes = sender.readOutbound();
        receiver.writeInbound(bytes);
        Frame frame = receiver.readInbound();
        assertEquals(Frame.Type.REQUEST, frame.type());
        assertEquals(42, frame.correlationId());
        return frame.payload();
    }

    @Test
    void recordsWithNestedCommonTypesRoundTrip() {
        Map<String, List<Long>> metrics = new HashMap<>();
        metrics.put("records-in", new ArrayList<>(List.of(1L, 2L)));
        metrics.put("immutable", List.of(3L));
        TaskUpdate update = new TaskUpdate(new TaskId(UUID.randomUUID(), 3), State.FINISHED, Instant.now(),
                Optional.of("boom"), metrics);
        assertEquals(update, roundTrip(update));

        TreeMap<String, BigDecimal> resources = new TreeMap<>(Map.of("cpu", new BigDecimal("1.5")));
        Slots slots = new Slots(List.of(new TaskId(UUID.randomUUID(), 0)), Set.of(State.RUNNING), resources);
        assertEquals(slots, roundTrip(slots));
    }

    @Test
    void plainValuesRoundTrip() {
        assertEquals("text", roundTrip("text"));
        assertEquals(Duration.ofSeconds(3), roundTrip(Duration.ofSeconds(3)));
        assertEquals(new LinkedHashMap<>(Map.of("k", 1)), roundTrip(new LinkedHashMap<>(Map.of("k", 1))));
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) roundTrip(new int[] {1, 2, 3}));
        assertEquals(Arrays.asList(1, null, 3), roundTrip(Arrays.asList(1, null, 3)));
        assertNull(roundTrip(null));

        Heartbeat heartbeat = (Heartbeat) roundTrip(new Heartbeat("tm-1", 7));
        assertEquals("tm-1", heartbeat.from);
        assertEquals(7, heartbeat.sequence);
    }
}
