package dev.riffle.server.transport.websocket;

import jakarta.websocket.Session;
import org.eclipse.jetty.ee11.websocket.jakarta.common.JakartaWebSocketSession;

/** Jetty's way to drop a WebSocket connection at once: its core session's abort. */
public final class JettyAbort implements ConnectionAbort {
    @Override
    public boolean abort(Session session) {
        if (session instanceof JakartaWebSocketSession jetty) {
            jetty.getCoreSession().abort();
            return true;
        }
        return false;
    }
}
