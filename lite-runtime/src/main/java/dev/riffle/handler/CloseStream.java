package dev.riffle.handler;

/**
 * Returned or thrown by a handler to end its stream cleanly (FastRTC's {@code CloseStream}): the session is closed
 * with a normal end, not an error, and the message (if any) is shown to the user.
 */
public final class CloseStream extends RuntimeException {
    public CloseStream(String message) {
        super(message, null, false, false);
    }

    public CloseStream() {
        this("stream closed by the handler");
    }
}
