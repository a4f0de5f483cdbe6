package dev.riffle.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.riffle.stream.ApiError;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where a forwarded request goes: the owner's address, the route's own path, the client's query - nothing else. */
class ForwarderTest {
    private static final URI OWNER = URI.create("http://10.0.0.5:8080");

    @Test
    void theTarget_isTheOwnersAddressAndTheRoutesPath() {
        assertEquals(URI.create("http://10.0.0.5:8080/ctx/flip/queue?webrtc_id=abc&token=t"),
                Forwarder.target(OWNER, "/ctx/flip/queue", "webrtc_id=abc&token=t"));
        assertEquals(URI.create("http://[::1]:8080/flip/input_hook"),
                Forwarder.target(URI.create("http://[::1]:8080"), "/flip/input_hook", null));
    }

    @Test
    void aQuery_cannotAimTheForwardElsewhere() {
        URI t = Forwarder.target(OWNER, "/flip/queue", "x=//evil.example/@evil.example:80");
        assertEquals("10.0.0.5:8080", t.getRawAuthority());
        ApiError bad = assertThrows(ApiError.class, () -> Forwarder.target(OWNER, "/flip/queue", "x=a b"));
        assertEquals(400, bad.status());
    }
}
