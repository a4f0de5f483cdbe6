package dev.riffle.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.server.queue.QueueFullException;
import dev.riffle.server.queue.QueueListener;
import dev.riffle.server.queue.SessionQueue;
import dev.riffle.server.queue.Ticket;
import dev.riffle.stream.ApiError;
import dev.riffle.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared queue with a real redis-server and several nodes (queues) in this JVM, each with its own Redis
 * connections as separate processes would have: one limit and one line across nodes, no over-admission when nodes
 * admit at once, a crashed node's slots back within the lease, time limits, the maximum queue size, and an outage.
 */
class RedisQueueTest {
    private static final Duration HEARTBEAT = Duration.ofSeconds(60);
    private RedisServer redis;
    private final List<SessionQueue> nodes = new ArrayList<>();

    /** A node's listener: its events in order, as "admitted s1", "waiting s2 2", "expired s1 1", "closed s3". */
    static final class Events implements QueueListener {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        @Override
        public void admitted(Ticket t) {
            seen.add("admitted " + t.sessionId());
        }

        @Override
        public void waiting(Ticket t) {
            seen.add("waiting " + t.sessionId() + " " + t.position());
        }

        @Override
        public void expired(Ticket t) {
            seen.add("expired " + t.sessionId() + " " + t.position());
        }

        @Override
        public void closed(Ticket t, CloseReason reason) {
            seen.add("closed " + t.sessionId());
        }

        /** Waits for an event starting with {@code prefix}, skipping others. */
        String await(String prefix, Duration within) throws InterruptedException {
            long end = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < end) {
                String e = seen.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (e != null && e.startsWith(prefix)) {
                    return e;
                }
            }
            throw new AssertionError("no '" + prefix + "' within " + within);
        }
    }

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(SessionQueue::close);
        if (redis != null) {
            redis.close();
        }
    }

    private SessionQueue node(String name, Events events, int maxQueue, Duration lease) {
        SessionQueue q = RedisQueues.connect(redis.uri()).node(name).lease(lease).create(maxQueue, HEARTBEAT, events);
        nodes.add(q);
        return q;
    }

    private SessionQueue node(String name, Events events) {
        return node(name, events, 100, Duration.ofSeconds(5));
    }

    @Test
    void twoNodes_shareOneLimit_andOneLine() throws Exception {
        Events ea = new Events();
        Events eb = new Events();
        SessionQueue a = node("a", ea);
        SessionQueue b = node("b", eb);
        a.defineGroup("g", 2);
        b.defineGroup("g", 2);
        Ticket s1 = a.join("s1", "g", null);
        Ticket s2 = b.join("s2", "g", null);
        Ticket s3 = a.join("s3", "g", null);
        Ticket s4 = b.join("s4", "g", null);
        Ticket s5 = a.join("s5", "g", null);
        assertEquals(Ticket.State.ADMITTED, s1.state());
        assertEquals(Ticket.State.ADMITTED, s2.state());
        assertEquals(List.of(1, 2, 3), List.of(s3.position(), s4.position(), s5.position()), "one line across nodes");
        assertEquals(2, a.admittedCount("g"));
        assertEquals(3, b.waitingCount("g"));

        a.leave("s1");
        ea.await("admitted s3", Duration.ofSeconds(3)); // the next in line, on its node
        b.leave("s2");
        eb.await("admitted s4", Duration.ofSeconds(3)); // node b's session, told through Redis
        ea.await("waiting s5 1", Duration.ofSeconds(3)); // s5 moved up to the front (at the next renewal)
        assertEquals(Ticket.State.ADMITTED, a.ticket("s3").state());
        assertEquals(1, a.ticket("s5").position());
    }

    @Test
    void nodesJoiningAtTheSameInstant_neverOverAdmit() throws Exception {
        List<SessionQueue> three = List.of(node("a", new Events()), node("b", new Events()), node("c", new Events()));
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            for (int round = 0; round < 5; round++) {
                String group = "burst" + round;
                three.forEach(q -> q.defineGroup(group, 3));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Ticket>> joins = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    SessionQueue q = three.get(i % 3);
                    String id = group + "-s" + i;
                    joins.add(pool.submit(() -> {
                        go.await();
                        return q.join(id, group, null);
                    }));
                }
                go.countDown();
                int admitted = 0;
                List<Integer> positions = new ArrayList<>();
                for (Future<Ticket> f : joins) {
                    Ticket t = f.get(10, TimeUnit.SECONDS);
                    if (t.state() == Ticket.State.ADMITTED) {
                        admitted++;
                    } else {
                        positions.add(t.position());
                    }
                }
                assertEquals(3, admitted, "round " + round + ": exactly the limit");
                assertEquals(3, three.get(0).admittedCount(group));
                positions.sort(null);
                List<Integer> expected = new ArrayList<>();
                for (int p = 1; p <= 57; p++) {
                    expected.add(p);
                }
                assertEquals(expected, positions, "round " + round + ": every place in line once");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNodeThatDies_givesItsSlotBack_withinTheLease() throws Exception {
        Events eb = new Events();
        RedisQueue a = (RedisQueue) node("a", new Events(), 100, Duration.ofSeconds(2));
        SessionQueue b = node("b", eb, 100, Duration.ofSeconds(2));
        a.defineGroup("g", 1);
        b.defineGroup("g", 1);
        assertEquals(Ticket.State.ADMITTED, a.join("s1", "g", null).state());
        assertEquals(1, b.join("s2", "g", null).position());
        long died = System.nanoTime();
        a.dieForTest();
        eb.await("admitted s2", Duration.ofSeconds(6));
        long millis = (System.nanoTime() - died) / 1_000_000;
        assertTrue(millis <= 2_000 + 1_000 + 500, "back within the lease and a renewal: " + millis + " ms");
    }

    @Test
    void aTimeLimit_sendsTheHolderToTheBack_andTheNextInLineGetsTheSlot() throws Exception {
        Events ea = new Events();
        Events eb = new Events();
        SessionQueue a = node("a", ea);
        SessionQueue b = node("b", eb);
        a.defineGroup("g", 1);
        b.defineGroup("g", 1);
        a.join("s1", "g", Duration.ofMillis(500));
        b.join("s2", "g", null);
        assertEquals("expired s1 1", ea.await("expired", Duration.ofSeconds(4)));
        eb.await("admitted s2", Duration.ofSeconds(3));
        assertEquals(Ticket.State.WAITING, a.ticket("s1").state());
    }

    @Test
    void aFullLine_refusesTheNextSession() {
        SessionQueue a = node("a", new Events(), 2, Duration.ofSeconds(5));
        a.defineGroup("g", 1);
        a.join("s1", "g", null);
        a.join("s2", "g", null);
        a.join("s3", "g", null);
        assertThrows(QueueFullException.class, () -> a.join("s4", "g", null));
        assertEquals(2, a.waitingCount("g"));
    }

    @Test
    void redisDown_refusesNewSessions_runningOnesGoOn_andItRecovers() throws Exception {
        Events ea = new Events();
        SessionQueue a = node("a", ea, 100, Duration.ofSeconds(2));
        a.defineGroup("g", 1);
        assertEquals(Ticket.State.ADMITTED, a.join("s1", "g", null).state());
        redis.down();
        ApiError refused = assertThrows(ApiError.class, () -> a.join("s2", "g", null));
        assertEquals("queue_unavailable", refused.code());
        assertEquals(503, refused.status());
        assertEquals(Ticket.State.ADMITTED, a.ticket("s1").state(), "the running session goes on");

        redis.up(); // empty: everything was lost
        // the next renewal puts the group's limit and s1's slot back (renewals come every second)
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Ticket s3 = null;
        while (System.nanoTime() < end) {
            try {
                if (a.admittedCount("g") == 1) {
                    s3 = a.join("s3", "g", null);
                    break;
                }
            } catch (ApiError stillDown) {
                // the connection is coming back
            }
            Thread.sleep(100);
        }
        assertNotNull(s3, "the queue serves again");
        assertEquals(1, s3.position(), "s1 still holds the slot after the outage");
    }
}
