package dev.riffle.server;

import dev.riffle.filters.Filters;
import dev.riffle.server.redis.RedisQueues;
import java.time.Duration;

/**
 * One node of {@link ClusterBenchmark}, in a JVM of its own: the flip filter without a limit ({@code /flip}) and with
 * a limit of 1 ({@code /one}), queue in Redis with a 3 s lease, on a free port it prints as {@code port N}; then
 * {@code sessions N} every second.
 * Arguments: the Redis URI and the node's name.
 */
public final class BenchNode {
    private BenchNode() {
    }

    public static void main(String[] args) throws Exception {
        RiffleServer server = RiffleServer.create()
                .queue(RedisQueues.connect(args[0]).node(args[1]).lease(Duration.ofSeconds(3)))
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).build())
                .mount("/one", Stream.video(Filters.FLIP).concurrencyId("one").concurrencyLimit(1).build())
                .start();
        System.out.println("port " + server.port());
        System.out.flush();
        while (true) { // what the benchmark reads of this node's load
            Thread.sleep(1000);
            System.out.println("sessions " + server.sessionCount());
            System.out.flush();
        }
    }
}
