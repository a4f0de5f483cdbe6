package dev.riffle.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The WebRTC transport as the engine and the HTTP routes reach it: FastRTC's {@code /webrtc/offer} route (offers and
 * trickled candidates), its open connections, its close with the server.
 */
public interface Signalling extends AutoCloseable {
    /**
     * Answers an offer (a new session) or takes a trickled candidate.
     *
     * @param bearer the request's bearer token, or null
     * @param remoteAddress the request's remote address
     * @return the JSON-ready answer
     */
    Map<String, Object> post(StreamRuntime stream, JsonNode body, String bearer, String remoteAddress);

    /** Peer connections open now (native resources held). */
    int openConnections();

    @Override
    void close();
}
