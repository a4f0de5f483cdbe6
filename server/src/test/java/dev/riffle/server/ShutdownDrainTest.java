package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.testkit.Daemon;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a server started with {@code drainOnShutdown}: the health check answers 503 at once, the streaming
 * session goes on, and the process ends when that session does - not at the one-minute deadline.
 */
class ShutdownDrainTest {
    @Test
    void sigterm_drains_andTheProcessEndsWithTheLastSession() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Daemon node = Daemon.start(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                DrainNode.class.getName()), Pattern.compile("^port (\\d+)"), Duration.ofSeconds(60));
        try {
            int p = Integer.parseInt(node.readyLine().group(1));
            try (WsTestClient client = new WsTestClient(URI.create("ws://127.0.0.1:" + p + "/flip/websocket"))) {
                client.start("raw");
                client.nextQueue("admitted");

                node.process().destroy(); // SIGTERM
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> health = null;
                for (int i = 0; i < 200 && (health == null || health.statusCode() != 503); i++) {
                    health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/flip/queue"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() != 503) {
                        Thread.sleep(25); // polling what a load balancer polls: no event tells a client of a drain
                    }
                }
                assertEquals(503, health.statusCode(), health.body());
                assertTrue(health.body().contains("server_stopping"), health.body());
                client.sendFrame(StreamSocketTest.scene(8, 8, 1), 1);
                client.nextFrame(); // the session still streams
                assertTrue(node.process().isAlive(), "the process waits for the streaming session");

                client.send("{\"type\":\"stop\"}");
                assertTrue(node.process().waitFor(20, TimeUnit.SECONDS), "the process ends once the session did");
            }
        } finally {
            node.kill();
        }
        assertFalse(node.process().isAlive());
    }
}
