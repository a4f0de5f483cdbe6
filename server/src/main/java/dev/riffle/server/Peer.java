package dev.riffle.server;

import dev.riffle.media.AudioChunk;
import dev.riffle.media.VideoFrame;
import java.nio.ByteBuffer;

/** The client end of a session, as a transport reaches it. Implementations serialize concurrent sends. */
interface Peer {
    /** Sends a JSON control message. */
    void sendText(String json);

    /**
     * FastRTC's data-channel notices, for clients written against FastRTC: {@code send_input} (send your inputs to
     * {@code /input_hook}), {@code fetch_output} (new additional outputs wait at {@code /updates}) and
     * {@code end_stream} (the handler ended the stream). A transport whose client speaks Riffle's own messages
     * ignores them: Riffle's {@code outputs} and {@code closed} messages carry the same news with its content.
     */
    default void fastRtcNotice(String type, Object data) {
    }

    /** Sends a binary frame message. The buffer may be reused once this returns. */
    void sendBinary(ByteBuffer message);

    /** Closes the connection with a WebSocket close code and a short reason. */
    void close(int code, String reason);

    /**
     * Whether the transport carries media itself (WebRTC tracks): then processed frames and audio go to
     * {@link #sendVideo} and {@link #sendAudio} instead of being encoded into binary messages.
     */
    default boolean carriesMedia() {
        return false;
    }

    /**
     * Completes when media can flow (a WebRTC connection is up); at once for a transport that is up when the
     * session starts. A generator waits for it so its first frames are not lost.
     */
    default java.util.concurrent.CompletableFuture<Void> mediaReady() {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Sends a processed frame on the transport's own video track; the frame may be reused once this returns. */
    default void sendVideo(VideoFrame frame) {
        throw new UnsupportedOperationException("This transport sends frames as binary messages");
    }

    /** Sends audio on the transport's own audio track. */
    default void sendAudio(AudioChunk chunk) {
        throw new UnsupportedOperationException("This transport sends audio as binary messages");
    }
}
