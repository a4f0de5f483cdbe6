package dev.riffle.server.engine;

import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.Inputs;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.VideoFrame;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import dev.riffle.stream.Modality;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server-to-client session's media: its generator runs once the session holds a slot and its connection is up, and
 * what it yields goes to the client - frames at the stream's fps, audio paced in real time.
 */
final class GeneratorPart implements SessionPart {
    private final StreamSession session;
    private final GeneratedStream generated;
    /** null for a video-only stream */
    private final AudioOut audio;
    private final AtomicLong framesSent = new AtomicLong();
    /** waiters for the session's slot and connection */
    private final Object admission = new Object();
    private volatile Inputs inputs;

    GeneratorPart(StreamSession session, Inputs inputs) {
        this.session = session;
        this.inputs = inputs;
        StreamRuntime stream = session.stream();
        this.audio = stream.modality() == Modality.VIDEO ? null : new AudioOut(session);
        this.generated = new GeneratedStream(stream.name(), stream.generator(), new Link(), stream.options().fps());
    }

    /** Starts the generator's thread; it waits for the slot and for media to flow before it pulls anything. */
    void start() {
        generated.start();
        session.peer().mediaReady().thenRun(this::wake);
    }

    /** Wakes the generator waiting for its slot or connection (it checks again, or sees the session closed). */
    void wake() {
        synchronized (admission) {
            admission.notifyAll();
        }
    }

    @Override
    public void setInputs(Inputs inputs) {
        this.inputs = inputs;
    }

    @Override
    public Inputs inputs() {
        return inputs;
    }

    @Override
    public void stats(Map<String, Object> into) {
        into.put("sent_frames", framesSent.get());
        into.put("sent", audio == null ? 0 : audio.sent());
    }

    @Override
    public long busyNanos() {
        return 0;
    }

    @Override
    public void close() {
        generated.stop();
        if (audio != null) {
            audio.close();
        }
        wake();
    }

    /** What the generator's thread does with its session. */
    private final class Link implements GeneratedStream.Session {
        @Override
        public void awaitAdmitted() throws InterruptedException {
            synchronized (admission) {
                while (!session.isAdmitted() || !session.peer().mediaReady().isDone()) {
                    if (session.isClosed()) {
                        throw new InterruptedException("the session ended");
                    }
                    admission.wait();
                }
            }
        }

        @Override
        public Inputs inputs() {
            return inputs;
        }

        @Override
        public void video(long seq, VideoFrame frame) {
            if (session.stream().modality() == Modality.AUDIO) {
                throw new IllegalStateException("This stream carries audio; the generator yielded a video frame");
            }
            framesSent.incrementAndGet();
            if (!session.isClosed()) {
                session.peer().sendVideo(frame, seq, System.nanoTime());
            }
        }

        @Override
        public long audio(AudioChunk chunk) {
            if (audio == null) {
                throw new IllegalStateException("This stream carries video; the generator yielded audio");
            }
            if (!session.isClosed()) {
                audio.offer(chunk, false);
            }
            return audio.queuedMillis();
        }

        @Override
        public long queuedAudioMillis() {
            return audio == null ? 0 : audio.queuedMillis();
        }

        @Override
        public void outputs(long seq, AdditionalOutputs outputs) {
            if (!session.isClosed()) {
                session.sendOutputs(seq, outputs);
            }
        }

        @Override
        public void finished(RuntimeException error) {
            if (error != null) {
                ApiError e = error instanceof ApiError api ? api
                        : new ApiError(ErrorCode.HANDLER_ERROR, "The generator failed: "
                                + StreamSession.describe(error));
                session.handlerEnded(e, error);
                return;
            }
            session.close(ErrorCode.CLOSED_BY_HANDLER, "The stream ended.");
        }
    }
}
