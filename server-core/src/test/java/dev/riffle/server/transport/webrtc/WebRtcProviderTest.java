package dev.riffle.server.transport.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.server.engine.Engine;
import dev.riffle.server.engine.Signalling;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The core alone (no riffle-webrtc on this module's class path): an offer gets 503 {@code webrtc_unavailable} naming
 * the missing module - what Riffle's browser client falls back to the WebSocket on.
 */
class WebRtcProviderTest {
    @Test
    void withoutRiffleWebrtc_offersAreRefusedWith503() {
        Engine engine = new Engine(10, Duration.ofSeconds(15));
        try (Signalling webrtc = WebRtcProvider.load(engine, WebRtcOptions.defaults(), null)) {
            ApiError refused = assertThrows(ApiError.class, () -> webrtc.post(null, null, null, "127.0.0.1"));
            assertEquals(ErrorCode.WEBRTC_UNAVAILABLE.wire(), refused.code());
            assertEquals(503, refused.status());
            assertTrue(refused.getMessage().contains("riffle-webrtc"), refused.getMessage());
            assertEquals(0, webrtc.openConnections());
        } finally {
            engine.close();
        }
    }

    @Test
    void turnedOff_saysSo() {
        Engine engine = new Engine(10, Duration.ofSeconds(15));
        try (Signalling webrtc = WebRtcProvider.load(engine, WebRtcOptions.disabled(), null)) {
            ApiError refused = assertThrows(ApiError.class, () -> webrtc.post(null, null, null, "127.0.0.1"));
            assertTrue(refused.getMessage().contains("turned off"), refused.getMessage());
        } finally {
            engine.close();
        }
    }
}
