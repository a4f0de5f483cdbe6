package dev.riffle.server.engine;

import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandlerWithOutputs;
import dev.riffle.media.VideoFrame;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import dev.riffle.stream.Mode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The camera's frames of a session: the latest frame goes to the session's own handler (one call in flight), its
 * result to the client through the transport, which encodes it (JPEG or raw RGBA on the WebSocket, I420 on WebRTC).
 */
final class VideoPart implements SessionPart, VideoPipeline.Listener {
    private final StreamSession session;
    private final VideoPipeline pipeline;
    private final AtomicLong skippedByStreamEvery = new AtomicLong();
    /** reused for every result of one size: the transport has encoded or copied it when sendVideo returns */
    private VideoFrame out;

    VideoPart(StreamSession session, VideoHandlerWithOutputs handler, Inputs inputs) {
        this.session = session;
        this.pipeline = new VideoPipeline(handler, session.engine().handlers(), this);
        this.pipeline.setInputs(inputs);
        this.pipeline.countInto(session.stream().counters());
    }

    /** A frame admitted by the session, for the handler. */
    void offer(VideoPipeline.Incoming frame) {
        pipeline.offer(frame);
    }

    /** A camera frame the transport did not pass on because it came sooner than stream_every. */
    void skippedByStreamEvery() {
        skippedByStreamEvery.incrementAndGet();
    }

    @Override
    public void setInputs(Inputs inputs) {
        pipeline.setInputs(inputs);
    }

    @Override
    public Inputs inputs() {
        return pipeline.inputs();
    }

    @Override
    public void stats(Map<String, Object> into) {
        into.putAll(counters());
        into.put("skipped_by_stream_every", skippedByStreamEvery.get());
    }

    /**
     * The pipeline's counters, in the order the queue status route reports them (the video side of a
     * camera-and-microphone session reports just these).
     */
    Map<String, Object> counters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", pipeline.received());
        m.put("processed", pipeline.processed());
        m.put("dropped", pipeline.dropped());
        m.put("failed", pipeline.failed());
        return m;
    }

    @Override
    public long busyNanos() {
        return pipeline.busyNanos();
    }

    @Override
    public void close() {
        pipeline.close();
    }

    // ---- pipeline callbacks (handler threads)

    @Override
    public VideoFrame outputFrame(VideoFrame in) {
        if (out == null || !out.sameSize(in)) {
            out = VideoFrame.allocate(in.width(), in.height());
        }
        return out;
    }

    @Override
    public void output(long seq, VideoFrame in, VideoFrame result, AdditionalOutputs extra, long startedNanos) {
        if (session.isClosed()) {
            return;
        }
        if (session.stream().mode() != Mode.SEND) {
            session.peer().sendVideo(result, seq, startedNanos);
        }
        if (extra != null) {
            session.sendOutputs(seq, extra);
        }
    }

    @Override
    public void failed(long seq, RuntimeException error) {
        session.handlerFailed(error instanceof ApiError api ? api
                : new ApiError(ErrorCode.HANDLER_ERROR, "The handler failed on frame " + seq + ": "
                        + StreamSession.describe(error), Map.of("seq", seq)), error);
    }

    @Override
    public void closedByHandler(String message) {
        session.close(ErrorCode.CLOSED_BY_HANDLER, message == null ? "The handler ended the stream." : message);
    }
}
