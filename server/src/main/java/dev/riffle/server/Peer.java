package dev.riffle.server;

import java.nio.ByteBuffer;

/** The client end of a session, as a transport reaches it. Implementations serialize concurrent sends. */
interface Peer {
    /** Sends a JSON control message. */
    void sendText(String json);

    /** Sends a binary frame message. The buffer may be reused once this returns. */
    void sendBinary(ByteBuffer message);

    /** Closes the connection with a WebSocket close code and a short reason. */
    void close(int code, String reason);
}
