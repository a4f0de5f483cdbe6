package dev.riffle.server.engine;

import dev.riffle.media.AudioChunk;
import dev.riffle.server.wire.AudioCodec;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session's audio on its way to the client: checked as playable, paced in real time in 20 ms frames, bounded by
 * the stream's {@code maxOutputBacklog}. The pacer's thread only hands frames to the {@link Peer}, which never waits.
 */
final class AudioOut {
    private final StreamSession session;
    private final AudioPacer pacer;
    private final AtomicLong sent = new AtomicLong();

    AudioOut(StreamSession session) {
        this.session = session;
        this.pacer = new AudioPacer(session.engine().pacer(), this::send, session.peer().audioLeadMillis());
    }

    /**
     * Queues the handler's audio to play. A handler that emits faster than real time past the backlog bound ends the
     * session ({@code output_backlog}) when {@code bounded}; a generator is not bounded here (it waits for its audio
     * to play).
     *
     * @return false if the chunk was refused (and the session told why)
     */
    boolean offer(AudioChunk chunk, boolean bounded) {
        AudioChunk playable = chunk.channels() > AudioCodec.MAX_CHANNELS ? chunk.toMono() : chunk;
        try {
            AudioCodec.check(playable);
        } catch (IllegalArgumentException e) {
            session.handlerFailed(new ApiError(ErrorCode.HANDLER_ERROR, "The handler emitted audio the client cannot"
                    + " play: " + e.getMessage()), null);
            return false;
        }
        long max = session.stream().options().maxOutputBacklog().toMillis();
        if (bounded && pacer.queuedMillis() + playable.durationMillis() > max) {
            ApiError e = new ApiError(ErrorCode.OUTPUT_BACKLOG, "The handler's audio has run " + max / 1000
                    + " s ahead of playback (it emits faster than real time); the stream was ended",
                    Map.of("max_ms", max));
            session.handlerEnded(e, null);
            return false;
        }
        pacer.offer(playable);
        return true;
    }

    long queuedMillis() {
        return pacer.queuedMillis();
    }

    long sent() {
        return sent.get();
    }

    /** Drops what waits to be played (FastRTC's {@code clear_queue}, an interruption). */
    void clear() {
        pacer.clear();
    }

    /** Sends what is queued now, paced no more (the handler ended the stream: its last words still go out). */
    void flush() {
        pacer.flush();
    }

    void close() {
        pacer.close();
    }

    /** One paced 20 ms frame (on the pacer's thread). */
    private void send(AudioChunk frame) {
        if (session.isClosed()) {
            return;
        }
        try {
            session.peer().sendAudio(frame, sent.incrementAndGet());
        } catch (RuntimeException gone) {
            // the connection is closing; the session's close stops the pacer
        }
    }
}
