package dev.riffle.server.engine;

import dev.riffle.media.AudioChunk;
import dev.riffle.media.VideoFrame;
import dev.riffle.stream.ErrorCode;
import java.util.concurrent.CompletableFuture;

/**
 * The client end of a session, as a transport reaches it. Every method returns at once: nothing here waits for the
 * client's socket (a transport queues what it sends, bounded, and ends the session of a client that does not keep
 * up), so the threads that call it - handler threads, the audio pacer, the queue's timer - serve every session
 * whatever one client does. Each transport encodes media its own way: JPEG or raw RGBA messages on the WebSocket,
 * I420 frames and 10 ms PCM pushes on WebRTC tracks.
 */
public interface Peer {
    /** Sends a JSON control message. */
    void sendText(String json);

    /**
     * FastRTC's notices, for clients written against FastRTC: {@code send_input} (send your inputs to
     * {@code /input_hook}), {@code fetch_output} (new additional outputs wait at {@code /outputs}),
     * {@code end_stream} (the handler ended the stream) and {@code warning} (the place in line while waiting). A
     * transport whose client speaks Riffle's own messages ignores them: Riffle's {@code outputs}, {@code closed} and
     * {@code queue} messages carry the same news with its content.
     */
    void fastRtcNotice(String type, Object data);

    /**
     * Sends a processed frame; {@code frame} may be reused once this returns.
     *
     * @param seq the frame's number, echoed to the client
     * @param startedNanos {@link System#nanoTime()} when the frame's processing began (the WebSocket reports the
     *     server's time per frame)
     */
    void sendVideo(VideoFrame frame, long seq, long startedNanos);

    /** Sends one paced 20 ms frame of the handler's audio. */
    void sendAudio(AudioChunk frame, long seq);

    /** How far ahead of real time paced audio goes out: what the client's playback needs to never run dry. */
    int audioLeadMillis();

    /**
     * Completes when media can flow (a WebRTC connection is up); at once for a transport that is up when the
     * session starts. A generator waits for it so its first frames are not lost.
     */
    CompletableFuture<Void> mediaReady();

    /**
     * How long the client has kept the transport's oldest send waiting, in ns: a client that stopped reading. The
     * engine's watchdog ends the session when it grows too long.
     */
    long stalledNanos();

    /**
     * Closes the connection after what is queued (bounded), with {@code code}'s WebSocket close code and its wire
     * spelling as the reason.
     */
    void close(ErrorCode code);

    /**
     * Completes once what was queued before {@link #close} has gone out to the client (or the connection was
     * dropped): the server's last words - a {@code closed} message with {@code server_stopping} - reach the client
     * before the server stops.
     */
    CompletableFuture<Void> flushed();
}
