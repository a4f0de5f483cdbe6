package dev.riffle.e2e;

import dev.riffle.blocks.NumberField;
import dev.riffle.blocks.Slider;
import dev.riffle.filters.Filters;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.server.RiffleServer;
import dev.riffle.server.Stream;
import dev.riffle.server.redis.RedisQueues;
import java.time.Duration;

/**
 * One node of {@link ClusterIT}'s deployment, in a JVM of its own: the filter stream with a concurrency limit of 2
 * kept in Redis (lease 3 s), and an unlimited stream whose output doubles its input (/detect), on a free port it prints as {@code port N}. Arguments: the Redis URI and the node's name.
 */
public final class ClusterNode {
    private ClusterNode() {
    }

    public static void main(String[] args) throws Exception {
        RiffleServer server = RiffleServer.create().forwardedHeaders(true) // HAProxy's X-Forwarded-For
                .queue(RedisQueues.connect(args[0]).node(args[1]).lease(Duration.ofSeconds(3)))
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(2).build())
                // its output doubles its input: set through one node, read through another
                .mount("/detect", Stream.video("threshold", () -> (in, out, inputs) -> {
                    Filters.FLIP.create().handle(in, out, inputs);
                    return AdditionalOutputs.of(inputs.number(0, -1) * 2);
                }).additionalInputs(Slider.of(0, 1).step(0.01).value(0.3)).additionalOutputs(NumberField.create())
                        .concurrencyLimit(null).build())
                .start();
        System.out.println("port " + server.port());
        System.out.flush();
        server.join();
    }
}
