package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riffle.server.transport.webrtc.WebRtcProvider;
import dev.riffle.server.transport.websocket.ConnectionAbort;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * riffle-server puts the parts together: riffle-webrtc's transport and Jetty's connection abort are found through
 * {@link ServiceLoader} by the core, which knows neither.
 */
class ModulesTest {
    @Test
    void theCoreFinds_webrtcAndJettysAbort() {
        assertEquals("dev.riffle.server.transport.webrtc.WebRtcTransport$Provider",
                ServiceLoader.load(WebRtcProvider.class).findFirst().orElseThrow().getClass().getName());
        assertEquals("dev.riffle.server.transport.websocket.JettyAbort",
                ServiceLoader.load(ConnectionAbort.class).findFirst().orElseThrow().getClass().getName());
    }
}
