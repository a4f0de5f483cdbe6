package dev.riffle.stream;

import java.util.Locale;

/**
 * Every code a client reads in an error (an HTTP body's {@code error.code}, an {@code error} message) or in a
 * {@code closed} message - which also carries the normal ends {@link #STOPPED}, {@link #LEFT} and
 * {@link #CLOSED_BY_HANDLER}. The wire spells each in lower_snake_case ({@link #wire()}), FastRTC's spelling where
 * FastRTC has one; the browser client reads the same list from {@code protocol.js}.
 *
 * <p>Each code has the HTTP status that goes with it, and the WebSocket close code a session ends with when the code
 * ends it ({@link Protocol.Close}).
 */
public enum ErrorCode {
    BAD_JSON(400, Protocol.Close.POLICY_VIOLATION),
    BAD_REQUEST(400, Protocol.Close.POLICY_VIOLATION),
    BAD_MESSAGE(400, Protocol.Close.POLICY_VIOLATION),
    BAD_FRAME(400, Protocol.Close.POLICY_VIOLATION),
    BAD_AUDIO(400, Protocol.Close.POLICY_VIOLATION),
    BAD_SDP(400, Protocol.Close.POLICY_VIOLATION),
    FRAME_SIZE_MISMATCH(400, Protocol.Close.POLICY_VIOLATION),
    INVALID_CANDIDATE_FORMAT(400, Protocol.Close.POLICY_VIOLATION),
    UNSUPPORTED_MODALITY(400, Protocol.Close.POLICY_VIOLATION),
    UNSUPPORTED_TRANSPORT(400, Protocol.Close.POLICY_VIOLATION),
    FORBIDDEN(403, Protocol.Close.POLICY_VIOLATION),
    ORIGIN_NOT_ALLOWED(403, Protocol.Close.POLICY_VIOLATION),
    NOT_FOUND(404, Protocol.Close.POLICY_VIOLATION),
    UNKNOWN_SESSION(404, Protocol.Close.POLICY_VIOLATION),
    UNKNOWN_STREAM(404, Protocol.Close.POLICY_VIOLATION),
    METHOD_NOT_ALLOWED(405, Protocol.Close.POLICY_VIOLATION),
    ALREADY_STARTED(409, Protocol.Close.POLICY_VIOLATION),
    CONNECTION_ALREADY_EXISTS(409, Protocol.Close.POLICY_VIOLATION),
    NOT_STARTED(409, Protocol.Close.POLICY_VIOLATION),
    AUDIO_CHUNK_TOO_LONG(413, Protocol.Close.MESSAGE_TOO_BIG),
    FRAME_DIMENSIONS(413, Protocol.Close.MESSAGE_TOO_BIG),
    PAYLOAD_TOO_LARGE(413, Protocol.Close.MESSAGE_TOO_BIG),
    MESSAGE_TOO_BIG(413, Protocol.Close.MESSAGE_TOO_BIG),
    UNSUPPORTED_MEDIA_TYPE(415, Protocol.Close.POLICY_VIOLATION),
    INVALID_INPUT(422, Protocol.Close.POLICY_VIOLATION),
    UNKNOWN_INPUT(422, Protocol.Close.POLICY_VIOLATION),
    HANDLER_ERROR(500, Protocol.Close.INTERNAL_ERROR),
    HANDLER_TIMEOUT(500, Protocol.Close.INTERNAL_ERROR),
    MEDIA_ERROR(500, Protocol.Close.INTERNAL_ERROR),
    OUTPUT_BACKLOG(500, Protocol.Close.INTERNAL_ERROR),
    AUDIO_BACKLOG(503, Protocol.Close.INTERNAL_ERROR),
    WEBRTC_ERROR(500, Protocol.Close.INTERNAL_ERROR),
    OFFER_FAILED(500, Protocol.Close.INTERNAL_ERROR),
    TRANSPORT_ERROR(500, Protocol.Close.INTERNAL_ERROR),
    CONNECT_TIMEOUT(504, Protocol.Close.NORMAL),
    CONCURRENCY_LIMIT_REACHED(503, Protocol.Close.TRY_AGAIN_LATER),
    QUEUE_FULL(503, Protocol.Close.TRY_AGAIN_LATER),
    TOO_MANY_PENDING_CANDIDATES(503, Protocol.Close.TRY_AGAIN_LATER),
    WEBRTC_UNAVAILABLE(503, Protocol.Close.TRY_AGAIN_LATER),
    /** The shared queue (Redis) cannot be reached: no new sessions until it is back; running ones go on. */
    QUEUE_UNAVAILABLE(503, Protocol.Close.TRY_AGAIN_LATER),
    /** The session is served by another node of the deployment, which this one cannot reach. */
    NODE_UNREACHABLE(502, Protocol.Close.TRY_AGAIN_LATER),
    CLIENT_TOO_SLOW(503, Protocol.Close.POLICY_VIOLATION),
    HEARTBEAT_LOST(408, Protocol.Close.GOING_AWAY),
    SERVER_STOPPING(503, Protocol.Close.GOING_AWAY),
    /** The client stopped the stream (a normal end). */
    STOPPED(200, Protocol.Close.NORMAL),
    /** The client disconnected (a normal end). */
    LEFT(200, Protocol.Close.NORMAL),
    /** The handler ended the stream ({@code CloseStream}, a generator that finished): a normal end. */
    CLOSED_BY_HANDLER(200, Protocol.Close.NORMAL);

    private final int status;
    private final int closeCode;
    private final String wire;

    ErrorCode(int status, int closeCode) {
        this.status = status;
        this.closeCode = closeCode;
        this.wire = name().toLowerCase(Locale.ROOT);
    }

    /** The code as the wire spells it, e.g. {@code "queue_full"}. */
    public String wire() {
        return wire;
    }

    /** The HTTP status an error with this code answers with. */
    public int status() {
        return status;
    }

    /** The WebSocket close code of a session this code ends. */
    public int closeCode() {
        return closeCode;
    }

    @Override
    public String toString() {
        return wire;
    }
}
