package dev.riffle.server.redis;

import dev.riffle.server.queue.QueueBackend;
import dev.riffle.server.queue.QueueListener;
import dev.riffle.server.queue.SessionQueue;
import dev.riffle.server.queue.Ticket;
import dev.riffle.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./dev bench-queue}: admission with the queue in Redis (a real redis-server on 127.0.0.1, 3 nodes in this
 * JVM, each with its own connections) next to the in-process queue, in one run. 1,000 sessions wait behind a limit
 * of 10, spread over the nodes; then, 500 times, an admitted session leaves and the benchmark measures the time from
 * that leave call to the next session's admission reaching its node's listener (the node that owns it, told on its
 * channel). Reports p50/p99, Redis round trips per admission (scripts the nodes ran for the leaves and joins, renewals
 * counted apart), and checks after every admission that no more than the limit hold slots.
 */
public final class QueueBenchmark {
    private static final int LIMIT = 10;
    private static final int WAITING = 1_000;
    private static final int CYCLES = 500;

    private QueueBenchmark() {
    }

    /** Admissions as they reach the listeners: session id and the nanoTime it arrived. */
    record Admission(String session, long at) {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder out = new StringBuilder("| queue | nodes | admission latency p50 (ms) | p99 (ms) | max (ms) |"
                + " Redis round trips per admission | most slots held at once |\n|---|---|---|---|---|---|---|\n");
        out.append(run("in process", List.of(QueueBackend.inProcess()), null));
        try (RedisServer redis = RedisServer.start()) {
            List<QueueBackend> three = List.of(RedisQueues.connect(redis.uri()).node("n1"),
                    RedisQueues.connect(redis.uri()).node("n2"), RedisQueues.connect(redis.uri()).node("n3"));
            out.append(run("Redis 7 (" + RedisServer.version() + ")", three, redis));
        }
        System.out.println(out);
    }

    static String run(String name, List<QueueBackend> backends, RedisServer redis) throws Exception {
        LinkedBlockingQueue<Admission> admissions = new LinkedBlockingQueue<>();
        QueueListener listener = new QueueListener() {
            @Override
            public void admitted(Ticket ticket) {
                admissions.add(new Admission(ticket.sessionId(), System.nanoTime()));
            }
        };
        List<SessionQueue> nodes = new ArrayList<>();
        for (QueueBackend b : backends) {
            SessionQueue q = b.create(WAITING + LIMIT, Duration.ofMinutes(10), listener);
            q.defineGroup("bench", LIMIT);
            nodes.add(q);
        }
        Map<String, SessionQueue> owner = new ConcurrentHashMap<>();
        try {
            for (int i = 0; i < LIMIT + WAITING; i++) {
                SessionQueue q = nodes.get(i % nodes.size());
                String id = "s" + i;
                owner.put(id, q);
                q.join(id, "bench", null);
            }
            List<String> holding = new ArrayList<>();
            for (int i = 0; i < LIMIT; i++) {
                holding.add(admissions.take().session());
            }
            long tripsBefore = trips(nodes);
            List<Double> millis = new ArrayList<>();
            int mostHeld = 0;
            for (int c = 0; c < CYCLES; c++) {
                String leaving = holding.remove(0);
                long t0 = System.nanoTime();
                owner.get(leaving).leave(leaving);
                Admission next = admissions.poll(10, TimeUnit.SECONDS);
                if (next == null) {
                    throw new IllegalStateException("no admission within 10 s after " + leaving + " left");
                }
                millis.add((next.at() - t0) / 1e6);
                holding.add(next.session());
                int held = nodes.get(0).admittedCount("bench");
                mostHeld = Math.max(mostHeld, held);
                if (held > LIMIT) {
                    throw new IllegalStateException("over-admitted: " + held + " slots held, limit " + LIMIT);
                }
            }
            long trips = trips(nodes) - tripsBefore;
            Collections.sort(millis);
            // the benchmark's own admittedCount per cycle is one round trip: not Riffle's cost
            String perAdmission = redis == null ? "-" : String.format(Locale.ROOT, "%.2f",
                    (trips - CYCLES) / (double) CYCLES);
            return String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %s | %d |%n", name, nodes.size(),
                    pick(millis, 50), pick(millis, 99), millis.get(millis.size() - 1), perAdmission, mostHeld);
        } finally {
            nodes.forEach(SessionQueue::close);
        }
    }

    /** Round trips of the leave and count scripts (renewals run on the nodes' own threads: not counted). */
    private static long trips(List<SessionQueue> nodes) {
        long sum = 0;
        for (SessionQueue q : nodes) {
            if (q instanceof RedisQueue r) {
                sum += r.callerRoundTrips();
            }
        }
        return sum;
    }

    private static double pick(List<Double> sorted, int percentile) {
        int i = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
