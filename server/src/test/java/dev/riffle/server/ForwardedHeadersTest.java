package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Filters;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Behind a balancer that ends TLS: the page is {@code https://app.example}, the node sees plain HTTP from the
 * balancer. With {@code forwardedHeaders(true)} the balancer's {@code X-Forwarded-Proto}/{@code -Host} make the page
 * the server's own; without it (the default) the same headers are ignored and the page's POST is refused.
 */
class ForwardedHeadersTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> postFromThePage(RiffleServer server) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve("/flip/input_hook"))
                .header("Content-Type", "application/json").header("Origin", "https://app.example")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "app.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"webrtc_id\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"inputs\":[]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void trustedForwardedHeaders_makeTheBalancersPageTheServersOwn() throws Exception {
        try (RiffleServer server = RiffleServer.create().forwardedHeaders(true)
                .mount("/flip", Stream.video(Filters.FLIP).build()).start()) {
            HttpResponse<String> r = postFromThePage(server);
            assertEquals(404, r.statusCode(), "past the origin check, to the route: " + r.body());
            assertTrue(r.body().contains("unknown_session"), r.body());
        }
    }

    @Test
    void byDefault_forwardedHeadersAreIgnored() throws Exception {
        try (RiffleServer server = RiffleServer.create().mount("/flip", Stream.video(Filters.FLIP).build()).start()) {
            HttpResponse<String> r = postFromThePage(server);
            assertEquals(403, r.statusCode(), r.body());
            assertTrue(r.body().contains("origin_not_allowed"), r.body());
        }
    }
}
