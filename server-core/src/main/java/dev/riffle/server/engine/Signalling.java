package dev.riffle.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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

    /**
     * The ICE servers a browser should use for a new connection, in {@code RTCIceServer}'s shape ({@code urls},
     * {@code username}, {@code credential}): short-lived TURN credentials are made afresh for each call.
     */
    default List<Map<String, Object>> iceServersForClient() {
        return List.of();
    }

    /** Peer connections open now (native resources held). */
    int openConnections();

    @Override
    void close();
}
