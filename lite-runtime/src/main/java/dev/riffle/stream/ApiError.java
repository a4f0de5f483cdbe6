package dev.riffle.stream;

import dev.riffle.stream.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error a client can act on, as the wire carries it: an HTTP status (or, on a WebSocket, an error message and
 * perhaps a close code), a stable machine-readable code, a sentence for people, and details.
 *
 * <pre>{@code {"error": {"code": "unknown_session", "message": "No stream session ...", "details": {...}},
 *  "status": "failed", "meta": {"error": "unknown_session", ...details}}}</pre>
 *
 * The body carries Riffle's {@code error} object and FastRTC's {@code status}/{@code meta} form side by side, so a
 * client written for FastRTC recognises the failure (FastRTC's own client reads only {@code meta.error}); the HTTP
 * status stays the real one. Codes use FastRTC's spelling where FastRTC has one ({@code connection_already_exists},
 * {@code concurrency_limit_reached}).
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final ErrorCode code;
    private final Map<String, Object> details;

    /**
     * @param code the stable code; its {@link ErrorCode#status()} is the HTTP status
     * @param message what happened and what to do, for people
     * @param details values a program may use (may be empty)
     */
    public ApiError(ErrorCode code, String message, Map<String, Object> details) {
        this(code, code.status(), message, details);
    }

    public ApiError(ErrorCode code, String message) {
        this(code, code.status(), message, Map.of());
    }

    /** An error whose HTTP status differs from its code's usual one ({@code webrtc_error} when the server is full). */
    public ApiError(ErrorCode code, int status, String message) {
        this(code, status, message, Map.of());
    }

    public ApiError(ErrorCode code, int status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public int status() {
        return status;
    }

    /** The code as the wire spells it. */
    public String code() {
        return code.wire();
    }

    public ErrorCode errorCode() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /**
     * The JSON-ready body: {@code {"error": {"code", "message", "details"}, "status": "failed", "meta": {"error":
     * code, ...details}}}.
     */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.wire());
        error.put("message", getMessage());
        error.put("details", details);
        Map<String, Object> meta = new LinkedHashMap<>(details);
        meta.put("error", code.wire());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("status", "failed");
        body.put("meta", meta);
        return body;
    }

    public static ApiError badJson(String problem) {
        return new ApiError(ErrorCode.BAD_JSON, "The request body is not valid JSON: " + problem);
    }

    /** A required field is missing or has the wrong type. */
    public static ApiError badRequest(String message) {
        return new ApiError(ErrorCode.BAD_REQUEST, message);
    }

    /** No live session has this id (never existed, or ended). */
    public static ApiError unknownSession(String id) {
        return new ApiError(ErrorCode.UNKNOWN_SESSION, "No stream session " + id + " is running here: it never existed"
                + " or has ended. Start a new stream.", Map.of("session_id", id));
    }

    /** The session exists but the caller did not show its token. */
    public static ApiError forbidden() {
        return new ApiError(ErrorCode.FORBIDDEN, "This session belongs to someone else: send its token as"
                + " 'Authorization: Bearer <token>' (or ?token= for EventSource).");
    }
}
