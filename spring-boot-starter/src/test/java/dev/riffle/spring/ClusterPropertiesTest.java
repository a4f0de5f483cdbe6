package dev.riffle.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Filters;
import dev.riffle.server.Stream;
import dev.riffle.testkit.RedisServer;
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
 * Two Spring Boot apps on Jetty with {@code riffle.cluster.redis-uri} on one real redis-server: one concurrency
 * limit across both, and a session's routes answered through the node that does not hold it (the apps tell the
 * directory their port when the web server starts).
 */
class ClusterPropertiesTest {
    @SpringBootApplication
    static class App {
        @Bean
        Stream flip() {
            return Stream.video(Filters.FLIP).concurrencyLimit(1).build();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext node(RedisServer redis, String name) {
        return new SpringApplicationBuilder(App.class).properties("server.port=0", "server.address=127.0.0.1",
                "riffle.webrtc.enabled=false", "riffle.drain-timeout=0s", "riffle.cluster.redis-uri=" + redis.uri(),
                "riffle.cluster.node=" + name, "riffle.cluster.lease=3s").run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void twoApps_shareOneLimit_andAnswerForEachOthersSessions() throws Exception {
        try (RedisServer redis = RedisServer.start(); ConfigurableApplicationContext a = node(redis, "a");
                ConfigurableApplicationContext b = node(redis, "b")) {
            LinkedBlockingQueue<String> first = new LinkedBlockingQueue<>();
            WebSocket holder = RiffleAutoConfigurationTest.textSocket(http.newWebSocketBuilder(),
                    URI.create("ws://127.0.0.1:" + port(a) + "/flip/websocket"), first);
            holder.sendText("{\"type\":\"start\",\"format\":\"raw\"}", true).get(10, TimeUnit.SECONDS);
            String session = RiffleAutoConfigurationTest.awaitText(first, "\"type\":\"session\"");
            RiffleAutoConfigurationTest.awaitText(first, "\"state\":\"admitted\"");
            LinkedBlockingQueue<String> second = new LinkedBlockingQueue<>();
            WebSocket waiter = RiffleAutoConfigurationTest.textSocket(http.newWebSocketBuilder(),
                    URI.create("ws://127.0.0.1:" + port(b) + "/flip/websocket"), second);
            waiter.sendText("{\"type\":\"start\",\"format\":\"raw\"}", true).get(10, TimeUnit.SECONDS);
            String place = RiffleAutoConfigurationTest.awaitText(second, "\"type\":\"queue\"");
            assertTrue(place.contains("\"position\":1"), "in line on the other app: " + place);

            String id = session.replaceAll(".*\"session_id\":\"([^\"]+)\".*", "$1");
            String token = session.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port(b) + "/flip/queue?webrtc_id=" + id)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode(), status.body());
            assertEquals("a", status.headers().firstValue("Riffle-Node").orElse(null), "answered by app a");
            assertTrue(status.body().contains("\"state\":\"admitted\""), status.body());
            holder.abort();
            waiter.abort();
        }
    }
}
