package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riffle.filters.Filters;
import dev.riffle.handler.Inputs;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.redis.RedisQueues;
import dev.riffle.testkit.RedisServer;
import org.junit.jupiter.api.Test;

/**
 * Two Riffle servers - two nodes - serving one stream with one concurrency limit kept in a real Redis: a WebSocket
 * client on node A holds the slot, one on node B waits at place 1, and gets the slot (and its frames flipped) when
 * A's client leaves.
 */
class RedisNodesTest {
    @Test
    void oneLimitAcrossTwoNodes_theNextInLineOnTheOtherNodeGetsTheSlot() throws Exception {
        try (RedisServer redis = RedisServer.start(); RiffleServer a = node(redis.uri(), "a");
                RiffleServer b = node(redis.uri(), "b");
                WsTestClient first = WsTestClient.connect(a, "/flip");
                WsTestClient second = WsTestClient.connect(b, "/flip")) {
            first.start("raw");
            first.nextQueue("admitted");
            second.start("raw");
            assertEquals(1, second.nextQueue("waiting").get("position").asInt(), "in line on the other node");

            first.close();
            second.nextQueue("admitted");
            VideoFrame in = StreamSocketTest.scene(16, 12, 5);
            second.sendFrame(in, 1);
            VideoFrame expected = VideoFrame.allocate(16, 12);
            Filters.FLIP.create().handle(in, expected, Inputs.none());
            assertArrayEquals(expected.toByteArray(), second.nextFrame().decode().toByteArray());
        }
    }

    private static RiffleServer node(String uri, String name) {
        return RiffleServer.create().queue(RedisQueues.connect(uri).node(name))
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(1).build()).start();
    }
}
