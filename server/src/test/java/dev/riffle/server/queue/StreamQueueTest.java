package dev.riffle.server.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.server.queue.QueueListener.CloseReason;
import dev.riffle.server.queue.Ticket.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamQueueTest {
    private final ManualClock clock = new ManualClock();
    private final List<String> events = new ArrayList<>();
    private final QueueListener recorder = new QueueListener() {
        @Override
        public void admitted(Ticket t) {
            events.add("admitted " + t.sessionId());
        }

        @Override
        public void waiting(Ticket t) {
            events.add("waiting " + t.sessionId() + " #" + t.position());
        }

        @Override
        public void expired(Ticket t) {
            events.add("expired " + t.sessionId());
        }

        @Override
        public void closed(Ticket t, CloseReason reason) {
            events.add("closed " + t.sessionId() + " " + reason);
        }
    };
    private final StreamQueue queue = new StreamQueue(clock, 3, Duration.ofSeconds(10), recorder);

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void freeSlot_admitsAtOnce_thenOthersWaitInArrivalOrder() {
        queue.defineGroup("g", 1);
        assertEquals(State.ADMITTED, queue.join("a", "g", LIMIT).state());
        Ticket b = queue.join("b", "g", LIMIT);
        Ticket c = queue.join("c", "g", LIMIT);
        assertEquals(State.WAITING, b.state());
        assertEquals(1, b.position());
        assertEquals(2, c.position());
        assertEquals(List.of("admitted a", "waiting b #1", "waiting c #2"), events);
    }

    @Test
    void leave_freesTheSlotAtOnce_andMovesTheLineUp() {
        queue.defineGroup("g", 1);
        queue.join("a", "g", LIMIT);
        queue.join("b", "g", LIMIT);
        queue.join("c", "g", LIMIT);
        events.clear();
        assertTrue(queue.leave("a"));
        assertEquals(List.of("closed a LEFT", "admitted b", "waiting c #1"), events);
        assertEquals(State.ADMITTED, queue.ticket("b").state());
        assertFalse(queue.leave("a"), "a second leave is a no-op");
    }

    @Test
    void leaveWhileWaiting_updatesPositionsBehind() {
        queue.defineGroup("g", 1);
        queue.join("a", "g", LIMIT);
        queue.join("b", "g", LIMIT);
        queue.join("c", "g", LIMIT);
        events.clear();
        queue.leave("b");
        assertEquals(List.of("closed b LEFT", "waiting c #1"), events);
        assertEquals(State.ADMITTED, queue.ticket("a").state(), "the holder is not disturbed");
    }

    @Test
    void timeLimit_countsOnlyAdmittedTime_andExpiryRejoinsAtTheBack() {
        queue.defineGroup("g", 1);
        queue.join("a", "g", Duration.ofSeconds(15));
        clock.advanceSeconds(10);
        queue.heartbeat("a");
        queue.join("b", "g", Duration.ofSeconds(15)); // waits 5 s: not counted against b
        queue.join("c", "g", Duration.ofSeconds(15));
        events.clear();
        clock.advanceSeconds(4.999);
        queue.tick();
        assertEquals(List.of(), events, "a still has 1 ms");
        clock.advanceSeconds(0.001);
        queue.heartbeat("a");
        queue.heartbeat("b");
        queue.heartbeat("c");
        queue.tick();
        assertEquals(List.of("expired a", "admitted b", "waiting c #1", "waiting a #2"), events);
        Ticket b = queue.ticket("b");
        assertEquals(Duration.ofSeconds(15), b.remaining(), "b's limit starts when admitted, not when it joined");
    }

    @Test
    void expiry_withNobodyWaiting_readmitsTheSameSession() {
        queue.defineGroup("g", 1);
        queue.join("a", "g", Duration.ofSeconds(5));
        events.clear();
        clock.advanceSeconds(5);
        queue.tick();
        assertEquals(List.of("expired a", "admitted a"), events);
        assertEquals(Duration.ofSeconds(5), queue.ticket("a").remaining());
    }

    @Test
    void heartbeatLoss_dropsTheSession_andFreesItsSlot() {
        queue.defineGroup("g", 1);
        queue.join("a", "g", null);
        queue.join("b", "g", null);
        clock.advanceSeconds(8);
        queue.heartbeat("b");
        clock.advanceSeconds(2.001);
        events.clear();
        queue.tick();
        assertEquals(List.of("closed a HEARTBEAT_LOST", "admitted b"), events);
        assertNull(queue.ticket("a"));
        assertFalse(queue.heartbeat("a"));
    }

    @Test
    void fullLine_refusesWithCodeAndLimit_andKeepsEveryoneElse() {
        queue.defineGroup("g", 1);
        queue.join("a", "g", LIMIT);
        queue.join("b", "g", LIMIT);
        queue.join("c", "g", LIMIT);
        queue.join("d", "g", LIMIT);
        QueueFullException e = assertThrows(QueueFullException.class, () -> queue.join("e", "g", LIMIT));
        assertEquals("queue_full", QueueFullException.CODE.wire());
        assertEquals(3, e.maxQueueSize());
        assertEquals(3, queue.waitingCount("g"));
        assertEquals(1, queue.admittedCount("g"));
        assertNull(queue.ticket("e"));
    }

    @Test
    void unlimitedGroup_neverMakesAnyoneWait() {
        queue.defineGroup("g", null);
        for (int i = 0; i < 50; i++) {
            assertEquals(State.ADMITTED, queue.join("s" + i, "g", LIMIT).state());
        }
        assertEquals(0, queue.waitingCount("g"));
    }

    @Test
    void groupsAreIndependent_andASharedGroupSharesItsSlots() {
        queue.defineGroup("filters", 2);
        queue.defineGroup("ocr", 1);
        queue.join("a", "filters", LIMIT);
        queue.join("b", "filters", LIMIT);
        assertEquals(State.WAITING, queue.join("c", "filters", LIMIT).state());
        assertEquals(State.ADMITTED, queue.join("d", "ocr", LIMIT).state(), "another group has its own slot");
    }

    @Test
    void raisingTheLimit_admitsWaitingSessions() {
        queue.defineGroup("g", 1);
        queue.join("a", "g", LIMIT);
        queue.join("b", "g", LIMIT);
        queue.defineGroup("g", 2);
        assertEquals(State.ADMITTED, queue.ticket("b").state());
    }

    @Test
    void eta_followsTheHoldersTimeLimitsAndTheLineAhead() {
        queue.defineGroup("g", 2);
        queue.join("a", "g", Duration.ofSeconds(30));
        clock.advanceSeconds(10);
        queue.join("b", "g", Duration.ofSeconds(30));
        queue.join("c", "g", Duration.ofSeconds(30));
        queue.join("d", "g", Duration.ofSeconds(30));
        queue.join("e", "g", Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(20), queue.ticket("c").eta(), "a's slot frees in 20 s");
        assertEquals(Duration.ofSeconds(30), queue.ticket("d").eta(), "b's slot frees in 30 s");
        assertEquals(Duration.ofSeconds(50), queue.ticket("e").eta(), "then c holds a's old slot for 30 s");
    }

    @Test
    void eta_withoutTimeLimits_usesTheTypicalHold_orIsUnknown() {
        queue.defineGroup("g", 1);
        queue.join("a", "g", null);
        queue.join("b", "g", null);
        assertNull(queue.ticket("b").eta(), "nothing known yet");
        clock.advanceSeconds(8);
        queue.heartbeat("b");
        queue.leave("a"); // held 8 s
        queue.join("c", "g", null);
        assertEquals(Duration.ofSeconds(8), queue.ticket("c").eta());
    }

    @Test
    void nextDeadline_isTheSoonestTimeLimitOrHeartbeatTimeout() {
        queue.defineGroup("g", 1);
        assertEquals(Long.MAX_VALUE, queue.nextDeadline());
        long start = clock.millis();
        queue.join("a", "g", Duration.ofSeconds(4));
        assertEquals(start + 4000, queue.nextDeadline());
        queue.join("b", "g", null);
        clock.advanceSeconds(3);
        queue.heartbeat("a");
        assertEquals(start + 4000, queue.nextDeadline());
    }

    @Test
    void badArguments_areRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> queue.defineGroup("g", 0));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> queue.join("a", "nope", LIMIT));
        assertTrue(unknown.getMessage().contains("'nope'"));
        queue.defineGroup("g", 1);
        queue.join("a", "g", LIMIT);
        assertThrows(IllegalArgumentException.class, () -> queue.join("a", "g", LIMIT), "joined twice");
        assertThrows(IllegalArgumentException.class, () -> queue.join("b", "g", Duration.ZERO));
    }
}
