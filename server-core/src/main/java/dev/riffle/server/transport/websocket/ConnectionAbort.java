package dev.riffle.server.transport.websocket;

import jakarta.websocket.Session;

/**
 * Drops a container's WebSocket connection at once, without a close handshake - for a client that stopped reading,
 * whose close frame would wait behind everything unread. Containers' own ways, found through
 * {@link java.util.ServiceLoader} (riffle-server registers Jetty's); without one the connection is closed with
 * {@code client_too_slow} on a thread of its own.
 */
public interface ConnectionAbort {
    /** Aborts {@code session} if it is this container's; {@code false} if it is not. */
    boolean abort(Session session);
}
