package dev.riffle.server.transport.webrtc;

import dev.riffle.server.engine.Engine;
import dev.riffle.server.engine.Signalling;
import dev.riffle.server.engine.StreamRuntime;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;

/**
 * Where the WebRTC transport comes from: {@code riffle-webrtc} (webrtc-java's natives) registers one through
 * {@link ServiceLoader}. Without it on the class path the streams run over the WebSocket only: an offer gets a 503
 * {@code webrtc_unavailable}, on which Riffle's browser client falls back to the WebSocket.
 */
public interface WebRtcProvider {
    /** The transport of {@code engine}'s streams; {@code bindHost} is the address the server listens on, or null. */
    Signalling create(Engine engine, WebRtcOptions options, String bindHost);

    /** The class path's transport, or one that refuses every offer when there is none or WebRTC is turned off. */
    static Signalling load(Engine engine, WebRtcOptions options, String bindHost) {
        for (WebRtcProvider p : ServiceLoader.load(WebRtcProvider.class, WebRtcProvider.class.getClassLoader())) {
            return p.create(engine, options, bindHost);
        }
        if (options.enabled()) {
            LoggerFactory.getLogger(WebRtcProvider.class).info("WebRTC is off: dev.riffle:riffle-webrtc is not on the"
                    + " class path; streams run over the WebSocket");
        }
        return new Unavailable(options.enabled() ? "WebRTC is not available on this server (riffle-webrtc is not on"
                + " its class path): use the WebSocket" : "WebRTC is turned off on this server");
    }

    /** The transport of a server without WebRTC. */
    final class Unavailable implements Signalling {
        private final String why;

        Unavailable(String why) {
            this.why = why;
        }

        @Override
        public Map<String, Object> post(StreamRuntime stream, JsonNode body, String bearer, String remoteAddress) {
            throw new ApiError(ErrorCode.WEBRTC_UNAVAILABLE, why);
        }

        @Override
        public int openConnections() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
