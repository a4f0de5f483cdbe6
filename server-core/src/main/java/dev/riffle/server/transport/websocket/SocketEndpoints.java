package dev.riffle.server.transport.websocket;

import dev.riffle.server.engine.StreamRuntime;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A stream's two WebSocket endpoints - Riffle's at {@code path/websocket} and FastRTC's at
 * {@code path/websocket/offer} - as Jakarta {@link ServerEndpointConfig}s any container's {@code ServerContainer}
 * takes.
 */
public final class SocketEndpoints {
    private SocketEndpoints() {
    }

    /** Decides a handshake by the page's origin. */
    @FunctionalInterface
    public interface OriginRule {
        /**
         * @param origin the handshake's {@code Origin}
         * @param host its {@code Host} header
         * @param scheme {@code http} or {@code https}
         * @return the error message (JSON) to send before closing, or null to let the handshake through
         */
        String refuse(String origin, String host, String scheme);
    }

    /**
     * The endpoints of {@code stream} at {@code path} (relative to the servlet context).
     *
     * @param origins null when the server checks origins before the upgrade (Riffle's own Jetty); otherwise a
     *     handshake the rule refuses is answered with its error and closed (1008) before any session starts
     */
    public static List<ServerEndpointConfig> of(StreamRuntime stream, String path, OriginRule origins) {
        return List.of(endpoint(StreamSocket.class, path + "/websocket", () -> new StreamSocket(stream), origins),
                endpoint(FastRtcSocket.class, path + "/websocket/offer", () -> new FastRtcSocket(stream), origins));
    }

    /**
     * An endpoint at {@code path} whose connections {@code create} serves, each a new instance; {@code origins} as in
     * {@link #of}. The instance's {@code onOpen} finds a refused handshake's error under
     * {@link SocketPeer#ORIGIN_REFUSED} in its config's user properties ({@link SocketPeer} sends it and closes).
     */
    public static ServerEndpointConfig endpoint(Class<?> type, String path, Supplier<?> create,
            OriginRule origins) {
        return ServerEndpointConfig.Builder.create(type, path).configurator(new ServerEndpointConfig.Configurator() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getEndpointInstance(Class<T> endpointClass) {
                return (T) create.get();
            }

            @Override
            public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request,
                    HandshakeResponse response) {
                if (origins == null) {
                    return;
                }
                String origin = header(request, "Origin");
                URI uri = request.getRequestURI();
                String scheme = uri != null && ("wss".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        ? "https" : "http";
                String refusal = origin == null ? null : origins.refuse(origin, header(request, "Host"), scheme);
                if (refusal != null) {
                    // the user properties here are this connection's own copy: onOpen reads the verdict
                    config.getUserProperties().put(SocketPeer.ORIGIN_REFUSED, refusal);
                }
            }
        }).build();
    }

    private static String header(HandshakeRequest request, String name) {
        for (Map.Entry<String, List<String>> e : request.getHeaders().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
