package dev.riffle.server.transport.websocket;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.engine.StreamRuntime;
import dev.riffle.server.engine.StreamSession;
import dev.riffle.server.engine.VideoPipeline;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.wire.AudioCodec;
import dev.riffle.server.wire.FrameCodec;
import dev.riffle.server.wire.FrameFormat;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Protocol;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The WebSocket transport of one connection to a {@code Stream}: JSON control messages as text, video frames
 * ({@link FrameCodec}) or audio chunks ({@link AudioCodec}) as binary. A connection carries one session, created by
 * its {@code start} message.
 *
 * <p>Client to server: {@code {"type":"start","format":"jpeg"|"raw","inputs":[...]}}, then binary frames,
 * {@code {"type":"inputs","values":[...]}}, {@code {"type":"heartbeat"}}, {@code {"type":"stop"}}. Server to
 * client: {@code session}, {@code queue} (waiting with position and ETA, or admitted with the time limit),
 * {@code expired}, binary output frames, {@code outputs}, {@code error} and {@code closed} messages. Bad messages
 * get an {@code error} message and the session goes on; close codes: 1000 stop or handler's end, 1001 heartbeat
 * lost or server stopping, 1009 message too big, 1011 handler timeout, 1013 queue full.
 *
 * <p>Public only because the WebSocket container requires it; {@code RiffleServer} creates the instances.
 */
public final class StreamSocket extends SocketPeer {
    public static final int MAX_TEXT = 64 * 1024;

    private volatile FrameFormat format = FrameFormat.JPEG;
    /** encodes output frames; used by one handler thread at a time (one call in flight per session) */
    private FrameCodec.JpegEncoder jpeg;

    public StreamSocket(StreamRuntime stream) {
        super(stream);
    }

    @Override
    public void onOpen(Session ws, EndpointConfig config) {
        if (refusedOrigin(ws, config)) {
            return;
        }
        opened(ws);
        ws.setMaxTextMessageBufferSize(MAX_TEXT);
        ws.setMaxBinaryMessageBufferSize(stream.modality() == Modality.AUDIO ? AudioCodec.MAX_MESSAGE
                : (int) Math.min(Integer.MAX_VALUE - 64, FrameCodec.HEADER + stream.options().maxPixels() * 4));
        ws.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
        ws.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) this::onBinary);
    }

    private void onText(String text) {
        stream.counters().bytesIn.add(text.length());
        JsonNode message;
        try {
            message = Wire.JSON.readTree(text);
        } catch (JacksonException e) {
            fail(ApiError.badJson(e.getOriginalMessage()));
            return;
        }
        if (message == null || !message.isObject() || !message.path("type").isTextual()) {
            fail(new ApiError(ErrorCode.BAD_MESSAGE, "A control message must be a JSON object with a \"type\""));
            return;
        }
        String type = message.get("type").asText();
        try {
            if (type.equals(Protocol.Type.START)) {
                start(message);
            } else if (StreamSession.COMMANDS.contains(type)) {
                started().command(type, message);
            } else {
                throw new ApiError(ErrorCode.BAD_MESSAGE, "Unknown message type '" + type + "'; expected start, inputs,"
                        + " heartbeat or stop");
            }
        } catch (ApiError e) {
            if (e.errorCode() != ErrorCode.QUEUE_FULL) {
                fail(e);
            }
        }
    }

    private void start(JsonNode message) {
        if (session != null) {
            throw new ApiError(ErrorCode.ALREADY_STARTED, "This connection already carries session " + session.id());
        }
        if (stream.isAudioVideo()) {
            throw new ApiError(ErrorCode.UNSUPPORTED_TRANSPORT, "Stream '" + stream.name() + "' takes camera and"
                    + " microphone together, which only WebRTC carries; connect with POST webrtc/offer");
        }
        String formatName = message.path("format").asText("jpeg");
        // audio streams carry PCM whatever the client names; the format picks the video encoding
        FrameFormat format = stream.modality() == Modality.AUDIO ? FrameFormat.RAW : FrameFormat.named(formatName);
        if (format == null) {
            throw ApiError.badRequest("Unknown frame format '" + formatName + "'; use \"jpeg\" or \"raw\"");
        }
        JsonNode inputs = message.get("inputs");
        var checked = inputs == null || inputs.isNull() ? stream.initialInputs() : stream.checkInputs(Wire.values(inputs));
        this.format = format;
        session = StreamSession.open(stream, stream.engine(), this, format, checked);
    }

    private StreamSession started() {
        StreamSession s = session;
        if (s == null) {
            throw new ApiError(ErrorCode.NOT_STARTED, "Send {\"type\":\"start\"} first");
        }
        return s;
    }
    private void onBinary(byte[] message) {
        stream.counters().bytesIn.add(message.length);
        try {
            StreamSession s = started();
            if (!s.receivesMedia()) {
                throw new ApiError(ErrorCode.BAD_MESSAGE, "Stream '" + stream.name() + "' only sends to the client"
                        + " (mode receive); it takes no media");
            }
            if (s.isAudio()) {
                s.receive(AudioCodec.parse(message).chunk());
            } else {
                FrameCodec.Received frame = FrameCodec.parse(message, stream.options().maxPixels());
                s.receive(new VideoPipeline.Incoming() {
                    @Override
                    public long seq() {
                        return frame.seq();
                    }

                    @Override
                    public VideoFrame decode() {
                        return frame.decode(); // on the handler's thread
                    }
                });
            }
        } catch (ApiError e) {
            fail(e);
        }
    }

    private void fail(ApiError error) {
        sendText(Wire.errorMessage(error));
    }

    @Override
    public void onError(Session ws, Throwable error) {
        // Jetty's MessageTooLargeException, named: the core does not depend on Jetty (Tomcat closes with 1009 itself)
        boolean tooBig = error.getClass().getSimpleName().equals("MessageTooLargeException");
        ErrorCode code = tooBig ? ErrorCode.MESSAGE_TOO_BIG : ErrorCode.TRANSPORT_ERROR;
        String message = tooBig ? "A message was larger than this stream accepts (" + error.getMessage() + ")"
                : "The connection failed: " + error.getMessage();
        StreamSession s = session;
        if (s != null) {
            s.close(code, message);
        } else {
            fail(new ApiError(code, message));
            close(code);
        }
    }

    // ---- Peer

    @Override
    public void fastRtcNotice(String type, Object data) {
        // Riffle's own client: its outputs, closed and queue messages say the same
    }

    /** Encodes the frame as the client asked ({@code jpeg} or {@code raw}) and queues it: latest wins. */
    @Override
    public void sendVideo(VideoFrame frame, long seq, long startedNanos) {
        if (isClosing()) {
            return;
        }
        byte[] message;
        if (format == FrameFormat.RAW) {
            message = FrameCodec.encodeRaw(frame, seq);
        } else {
            synchronized (this) {
                if (jpeg == null) {
                    jpeg = new FrameCodec.JpegEncoder(stream.options().jpegQuality());
                }
                message = jpeg.encode(frame, seq, startedNanos);
            }
        }
        queueVideo(ByteBuffer.wrap(message));
    }

    /** Encodes a paced frame as PCM with {@link AudioCodec}'s header and queues it; bounded in milliseconds. */
    @Override
    public void sendAudio(AudioChunk frame, long seq) {
        queueAudio(ByteBuffer.wrap(AudioCodec.encode(frame, seq, 0)), Math.round(frame.durationMillis()));
    }

    /** A browser playing WebSocket chunks needs a little lead against network jitter. */
    @Override
    public int audioLeadMillis() {
        return 80;
    }

    @Override
    public void close(ErrorCode code) {
        super.close(code);
        synchronized (this) {
            if (jpeg != null) {
                jpeg.close();
                jpeg = null;
            }
        }
    }
}
