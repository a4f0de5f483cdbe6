package dev.riffle.server.engine;

import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.Resampler;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import dev.riffle.stream.Mode;
import dev.riffle.stream.Protocol;
import java.util.List;
import java.util.Map;

/**
 * The microphone's audio of a session: mixed to mono and resampled to the stream's rate, appended in order for the
 * session's own {@link StreamHandler} (never dropped; bounded by {@code maxAudioBacklog}), and the handler's audio
 * paced back to the client. The handler may also send FastRTC's messages and additional outputs.
 */
final class AudioPart implements SessionPart, AudioPipeline.Listener {
    private final StreamSession session;
    private final StreamHandler handler;
    private final AudioPipeline pipeline;
    private final AudioOut out;
    private Resampler resampler;

    AudioPart(StreamSession session, StreamHandler handler, Inputs inputs) {
        this.session = session;
        this.handler = handler;
        handler.setArgs(inputs);
        this.pipeline = new AudioPipeline(handler, session.engine().handlers(), this,
                session.stream().options().maxAudioBacklog().toMillis());
        this.pipeline.countInto(session.stream().counters());
        this.out = new AudioOut(session);
        handler.attach(new HandlerChannel());
    }

    /** The audio waiting for the handler, in ms. */
    double backlogMillis() {
        return pipeline.backlogMillis();
    }

    /** A chunk admitted by the session: mono, at the stream's rate, then appended for the handler. */
    void offer(AudioChunk received) {
        AudioChunk chunk = received.toMono();
        int rate = session.stream().options().sampleRate();
        if (chunk.sampleRate() != rate) {
            synchronized (this) {
                if (resampler == null || resampler.fromRate() != chunk.sampleRate()) {
                    resampler = new Resampler(chunk.sampleRate(), rate);
                }
                chunk = new AudioChunk(rate, 1, resampler.process(chunk.samples()));
            }
        }
        pipeline.offer(chunk);
    }

    @Override
    public void setInputs(Inputs inputs) {
        handler.setArgs(inputs);
    }

    @Override
    public Inputs inputs() {
        return handler.latestArgs();
    }

    @Override
    public void stats(Map<String, Object> into) {
        into.put("received", pipeline.received());
        into.put("processed", pipeline.processed());
        into.put("dropped", 0);
        into.put("failed", pipeline.failed());
        into.put("sent", out.sent());
    }

    @Override
    public long busyNanos() {
        return pipeline.busyNanos();
    }

    @Override
    public void close() {
        pipeline.close();
        out.close();
    }

    // ---- pipeline callbacks (handler threads)

    @Override
    public void output(AudioChunk chunk) {
        if (!session.isClosed() && session.stream().mode() != Mode.SEND) {
            out.offer(chunk, true);
        }
    }

    @Override
    public void failed(RuntimeException error) {
        session.handlerFailed(error instanceof ApiError api ? api
                : new ApiError(ErrorCode.HANDLER_ERROR, "The handler failed on an audio chunk: "
                        + StreamSession.describe(error)), error);
    }

    @Override
    public void ended(ErrorCode code, String message) {
        if (code == ErrorCode.CLOSED_BY_HANDLER) {
            out.flush();
        }
        if (code == ErrorCode.AUDIO_BACKLOG) {
            session.closeWith(new ApiError(code, message));
        } else {
            session.close(code, message);
        }
    }

    /** What the audio handler may say besides audio: FastRTC's log/warning messages, outputs, clear_queue. */
    private final class HandlerChannel implements StreamHandler.Channel {
        @Override
        public void send(String type, Object data) {
            if (type == null || StreamSession.RESERVED_TYPES.contains(type)) {
                throw new IllegalArgumentException("A handler cannot send '" + type + "' messages: "
                        + StreamSession.RESERVED_TYPES + " are the connection's own (use log, warning or your own"
                        + " type)");
            }
            if (session.isClosed()) {
                return;
            }
            session.peer().sendText(Wire.typed(type, data));
            if (Protocol.Type.LOG.equals(type) && "pause_detected".equals(data)) {
                // FastRTC asks for the inputs the reply will be computed with
                session.peer().fastRtcNotice(Protocol.Type.SEND_INPUT, List.of());
            }
        }

        @Override
        public void outputs(AdditionalOutputs extra) {
            if (!session.isClosed()) {
                session.sendOutputs(pipeline.processed(), extra);
            }
        }

        @Override
        public void clearQueue() {
            out.clear();
        }
    }
}
