package dev.riffle.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Filters;
import dev.riffle.server.Stream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Closing the Spring context drains Riffle first: the health check ({@code /queue}) answers 503 at once, the session
 * streaming goes on, and the close waits for it to end - not for the drain timeout.
 */
class GracefulDrainTest {
    @SpringBootApplication
    static class App {
        @Bean
        Stream flip() {
            return Stream.video(Filters.FLIP).build();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void closingTheContext_drains_andWaitsForTheStreamingSession() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).properties(
                "server.port=0", "server.address=127.0.0.1", "riffle.webrtc.enabled=false",
                "riffle.drain-timeout=60s").run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket ws = RiffleAutoConfigurationTest.textSocket(http.newWebSocketBuilder(), URI.create(
                "ws://127.0.0.1:" + port + "/flip/websocket"), messages);
        ws.sendText("{\"type\":\"start\",\"format\":\"raw\"}", true).get(10, TimeUnit.SECONDS);
        RiffleAutoConfigurationTest.awaitText(messages, "\"state\":\"admitted\"");

        long closing = System.nanoTime();
        Thread closer = Thread.ofPlatform().start(context::close);
        HttpResponse<String> health = null;
        for (int i = 0; i < 200 && (health == null || health.statusCode() != 503); i++) {
            health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/flip/queue"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() != 503) {
                Thread.sleep(25); // polling what a load balancer polls: nothing tells a client of the drain
            }
        }
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().contains("server_stopping"), health.body());
        ws.sendText("{\"type\":\"heartbeat\"}", true).get(10, TimeUnit.SECONDS);
        assertTrue(closer.isAlive(), "the close waits while a session streams");
        assertFalse(messages.stream().anyMatch(m -> m.contains("\"type\":\"closed\"")), "the session goes on: "
                + messages);

        ws.sendText("{\"type\":\"stop\"}", true).get(10, TimeUnit.SECONDS);
        closer.join(20_000);
        assertFalse(closer.isAlive(), "the close goes on once the session ended");
        long millis = (System.nanoTime() - closing) / 1_000_000;
        assertTrue(millis < 60_000, "it ended with the session, not at the drain timeout: " + millis + " ms");
        ws.abort();
    }
}
