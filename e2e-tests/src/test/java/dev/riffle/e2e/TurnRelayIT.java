package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riffle.filters.Filters;
import dev.riffle.server.RiffleServer;
import dev.riffle.server.Stream;
import dev.riffle.server.transport.webrtc.WebRtcOptions;
import dev.riffle.testkit.Daemon;
import dev.riffle.testkit.RiffleBrowser;
import dev.riffle.testkit.RifflePage;
import dev.riffle.testkit.TestScenes;
import java.net.DatagramSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WebRTC through a real TURN server: Debian's coturn on 127.0.0.1 with {@code use-auth-secret}, Riffle handing out
 * short-lived credentials (TURN REST) to the browser ({@code <stream>/webrtc/ice}) and to its own peers, and Chromium
 * forced to relay ({@code iceTransportPolicy: "relay"}, the page's {@code ?ice=relay}). The filter demo's stream
 * works, and the route the browser's connection took is read from {@code getStats()}.
 */
class TurnRelayIT {
    private static final String SECRET = "riffle-test-secret";
    private static Daemon coturn;
    private static RiffleServer server;
    private static int turnPort;

    @RegisterExtension
    static RiffleBrowser browser = RiffleBrowser.chromium().camera(TestScenes::moving);

    @BeforeAll
    static void start() throws Exception {
        Path turnserver = Path.of("/usr/bin/turnserver");
        if (!Files.isExecutable(turnserver)) {
            if (Boolean.getBoolean("riffle.browsers.required")) {
                Assertions.fail("turnserver is missing (apt-get install coturn)");
            }
            Assumptions.abort("no coturn: apt-get install coturn");
        }
        try (DatagramSocket free = new DatagramSocket(0)) {
            turnPort = free.getLocalPort();
        }
        // its last start-up line ("Total General servers") says listeners and relays are up
        coturn = Daemon.start(List.of(turnserver.toString(), "-n", "--no-cli", "--no-tls", "--no-dtls",
                "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + turnPort,
                "--use-auth-secret", "--static-auth-secret=" + SECRET, "--realm=riffle.test",
                "--allow-loopback-peers", "--min-port=" + (turnPort + 1), "--max-port=" + (turnPort + 50),
                "--log-file=stdout", "--simple-log", "--pidfile=" + Files.createTempFile("turn", ".pid"),
                "--db=" + Files.createTempFile("turndb", ".sqlite")), Pattern.compile("Total General servers"),
                Duration.ofSeconds(20));
        server = RiffleServer.create()
                .webrtc(WebRtcOptions.defaults().turnSecret(SECRET, Duration.ofHours(1),
                        "turn:127.0.0.1:" + turnPort + "?transport=udp"))
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).build())
                .start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (coturn != null) {
            coturn.close();
        }
    }

    @Test
    void theBrowserGetsShortLivedTurnCredentials() throws Exception {
        HttpResponse<String> ice = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.uri().resolve("/flip/webrtc/ice")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ice.statusCode());
        assertEquals("no-store", ice.headers().firstValue("Cache-Control").orElse(""));
        JsonNode turn = new ObjectMapper().readTree(ice.body()).path("iceServers").get(0);
        assertEquals("turn:127.0.0.1:" + turnPort + "?transport=udp", turn.path("urls").get(0).asText());
        String username = turn.path("username").asText();
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        long inAnHour = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        assertTrue(Math.abs(expiry - inAnHour) < 60, "expires in an hour: " + username);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        assertEquals(Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8))),
                turn.path("credential").asText(), "TURN REST: base64(HMAC-SHA1(secret, username))");
        assertTrue(!ice.body().contains(SECRET), "the secret stays on the server");
    }

    @Test
    void forcedToRelay_theFilterStillWorks_throughCoturn(RifflePage page) {
        page.open(server.uri().resolve("/flip/?ice=relay").toString()).startWebcam();
        page.page().waitForFunction("() => riffle.server.transport === 'webrtc' && riffle.stats.processed > 10",
                null, new com.microsoft.playwright.Page.WaitForFunctionOptions().setTimeout(30_000));
        String route = String.valueOf(page.page().evaluate("riffle.server.route"));
        assertTrue(route.startsWith("relay-"), "the browser's media went through TURN: " + route);
        assertEquals("streaming", page.serverState());
        page.stop();
    }

    @Test
    void withoutTheRelayPolicy_theDirectPathIsTaken(RifflePage page) {
        page.open(server.uri().resolve("/flip/").toString()).startWebcam();
        page.page().waitForFunction("() => riffle.server.transport === 'webrtc' && riffle.stats.processed > 10");
        String route = String.valueOf(page.page().evaluate("riffle.server.route"));
        assertTrue(route.startsWith("host-") || route.startsWith("prflx-") || route.startsWith("srflx-"),
                "a direct route when nothing forces TURN: " + route);
        page.stop();
    }
}
