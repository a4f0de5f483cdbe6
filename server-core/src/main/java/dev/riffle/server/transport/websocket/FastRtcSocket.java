package dev.riffle.server.transport.websocket;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.Resampler;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.engine.StreamRuntime;
import dev.riffle.server.engine.StreamSession;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.wire.MuLaw;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Protocol;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FastRTC's WebSocket protocol at {@code path/websocket/offer}, for audio streams, so that a client written from
 * FastRTC's WebSocket documentation works unchanged. All messages are JSON text:
 * <ul>
 * <li>client to server: {@code {"event": "start", "websocket_id": id}}, then {@code {"event": "media", "media":
 * {"payload": base64}}} with mu-law samples at the stream's sample rate (FastRTC does not resample what its clients
 * send), {@code {"event": "ping"}} and {@code {"event": "stop"}};</li>
 * <li>server to client: {@code {"event": "media", "media": {"payload": base64}}} - the handler's audio as mono mu-law
 * at {@value #OUT_RATE} Hz (FastRTC's default output rate), paced in real time - {@code {"event": "pong"}}, and the
 * data channel's messages: FastRTC's {@code send_input}, {@code log}, {@code warning} (with the place in line while
 * the session waits) and {@code error}, beside Riffle's own ({@code session}, {@code queue}, {@code outputs},
 * {@code closed}).</li>
 * </ul>
 * The {@code websocket_id} names the session on the other routes ({@code input_hook}, {@code outputs},
 * {@code queue}) as FastRTC's {@code webrtc_id} does. Video is not carried (nor is it by FastRTC): use
 * {@code path/websocket} or WebRTC. Refusals are FastRTC's {@code {"status": "failed", "meta": {"error": code}}}
 * followed by the close.
 *
 * <p>Public only because the WebSocket container requires it; {@code RiffleServer} creates the instances.
 */
public final class FastRtcSocket extends SocketPeer {
    /** The rate of the audio sent back, FastRTC's {@code output_sample_rate} default. */
    static final int OUT_RATE = 24_000;

    private String remoteAddress;
    private Resampler out;

    public FastRtcSocket(StreamRuntime stream) {
        super(stream);
    }

    @Override
    public void onOpen(Session ws, EndpointConfig config) {
        if (refusedOrigin(ws, config)) {
            return;
        }
        opened(ws);
        ws.setMaxTextMessageBufferSize(StreamSocket.MAX_TEXT);
        Object remote = ws.getUserProperties().get("jakarta.websocket.endpoint.remoteAddress");
        if (remote instanceof InetSocketAddress address && address.getAddress() != null) {
            remoteAddress = address.getAddress().getHostAddress();
        }
        ws.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
    }

    private void onText(String text) {
        stream.counters().bytesIn.add(text.length());
        try {
            JsonNode m;
            try {
                m = Wire.JSON.readTree(text);
            } catch (JacksonException e) {
                throw ApiError.badJson(e.getOriginalMessage());
            }
            String event = m == null ? "" : m.path("event").asText("");
            switch (event) {
                case Protocol.FastRtcEvent.START -> start(m);
                case Protocol.FastRtcEvent.MEDIA -> media(m);
                case Protocol.FastRtcEvent.PING -> sendText(Wire.write(Map.of("event", Protocol.FastRtcEvent.PONG)));
                case Protocol.FastRtcEvent.STOP -> {
                    StreamSession s = session;
                    if (s != null) {
                        s.close(ErrorCode.STOPPED, "The client stopped the stream.");
                    } else {
                        close(ErrorCode.STOPPED);
                    }
                }
                default -> throw new ApiError(ErrorCode.BAD_MESSAGE, "Unknown event '" + event
                        + "'; expected start, media, ping or stop");
            }
        } catch (ApiError e) {
            if (session == null) {
                // before a session: FastRTC's refusal, then the close
                sendText(Wire.write(e.body()));
                close(e.errorCode());
            } else {
                sendText(Wire.errorMessage(e));
            }
        }
    }

    private void start(JsonNode m) {
        if (session != null) {
            throw new ApiError(ErrorCode.ALREADY_STARTED, "This connection already carries a session");
        }
        if (stream.modality() != Modality.AUDIO || stream.generator() != null) {
            throw new ApiError(ErrorCode.UNSUPPORTED_TRANSPORT, "FastRTC's WebSocket carries microphone audio; stream '"
                    + stream.name() + "' carries " + stream.modality().name().toLowerCase()
                    + (stream.generator() != null ? " from the server only" : "")
                    + ": connect with POST webrtc/offer, or to " + stream.path() + "/websocket");
        }
        String id = m.path("websocket_id").asText(m.path("webrtc_id").asText(""));
        if (!id.matches("[A-Za-z0-9_-]{1,128}")) {
            throw ApiError.badRequest("\"websocket_id\" must be 1..128 letters, digits, '-' or '_'");
        }
        if (stream.hasSessionOfClient(id)) {
            throw new ApiError(ErrorCode.CONNECTION_ALREADY_EXISTS, "A connection with id '" + id + "' is already open",
                    Map.of("webrtc_id", id));
        }
        session = StreamSession.open(stream, stream.engine(), this, dev.riffle.server.wire.FrameFormat.RAW,
                stream.initialInputs(), new StreamSession.ClientId(id, remoteAddress));
    }

    private void media(JsonNode m) {
        StreamSession s = session;
        if (s == null) {
            throw new ApiError(ErrorCode.NOT_STARTED, "Send {\"event\": \"start\", \"websocket_id\": id} first");
        }
        String payload = m.path("media").path("payload").asText(null);
        if (payload == null) {
            throw ApiError.badRequest("A media event carries {\"media\": {\"payload\": base64 mu-law}}");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("The media payload is not base64: " + e.getMessage());
        }
        if (bytes.length > 0) {
            s.receive(new AudioChunk(stream.options().sampleRate(), 1, MuLaw.decode(bytes)));
        }
    }

    @Override
    public void onError(Session ws, Throwable error) {
        StreamSession s = session;
        if (s != null) {
            s.close(ErrorCode.TRANSPORT_ERROR, "The connection failed: " + error.getMessage());
        } else {
            close(ErrorCode.TRANSPORT_ERROR);
        }
    }

    // ---- Peer

    @Override
    public void fastRtcNotice(String type, Object data) {
        sendText(Protocol.Type.WARNING.equals(type) ? Wire.warning(String.valueOf(data)) : Wire.typed(type, data));
    }

    @Override
    public void sendVideo(VideoFrame frame, long seq, long startedNanos) {
        // audio streams only
    }

    /** One paced frame of the handler's audio: mono, resampled to 24 kHz, mu-law, base64 in a media event. */
    @Override
    public void sendAudio(AudioChunk chunk, long seq) {
        short[] samples;
        synchronized (this) {
            AudioChunk mono = chunk.toMono();
            samples = mono.samples();
            if (mono.sampleRate() != OUT_RATE) {
                if (out == null || out.fromRate() != mono.sampleRate()) {
                    out = new Resampler(mono.sampleRate(), OUT_RATE);
                }
                samples = out.process(samples);
            }
        }
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("payload", Base64.getEncoder().encodeToString(MuLaw.encode(samples)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", Protocol.FastRtcEvent.MEDIA);
        m.put("media", media);
        queueAudio(Wire.write(m), Math.round(chunk.durationMillis()));
    }

    /** FastRTC's clients play what comes as it comes, as Riffle's WebSocket page does. */
    @Override
    public int audioLeadMillis() {
        return 80;
    }
}
