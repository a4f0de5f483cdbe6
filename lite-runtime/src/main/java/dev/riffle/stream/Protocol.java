package dev.riffle.stream;

/**
 * Riffle's wire vocabulary besides the {@link ErrorCode}s: the types of the JSON control messages, the states a
 * {@code queue} message reports, and the WebSocket close codes. The browser client has the same names in
 * {@code protocol.js}; no other file spells them.
 *
 * <pre>{@code server -> client: session, queue {state: waiting|admitted}, expired, outputs, error, closed
 * (and FastRTC's log, warning, send_input, fetch_output, end_stream);
 * client -> server: start, inputs, heartbeat, stop; WebRTC signalling: offer, answer, ice-candidate}</pre>
 */
public final class Protocol {
    private Protocol() {
    }

    /** The {@code type} of a control message. */
    public static final class Type {
        public static final String SESSION = "session";
        public static final String QUEUE = "queue";
        public static final String EXPIRED = "expired";
        public static final String OUTPUTS = "outputs";
        public static final String ERROR = "error";
        public static final String CLOSED = "closed";
        public static final String LOG = "log";
        public static final String WARNING = "warning";
        public static final String SEND_INPUT = "send_input";
        public static final String FETCH_OUTPUT = "fetch_output";
        public static final String END_STREAM = "end_stream";
        public static final String START = "start";
        public static final String INPUTS = "inputs";
        public static final String HEARTBEAT = "heartbeat";
        public static final String STOP = "stop";
        public static final String OFFER = "offer";
        public static final String ANSWER = "answer";
        public static final String ICE_CANDIDATE = "ice-candidate";

        private Type() {
        }
    }

    /** The {@code state} of a {@code queue} message. */
    public static final class QueueState {
        public static final String WAITING = "waiting";
        public static final String ADMITTED = "admitted";

        private QueueState() {
        }
    }

    /**
     * The {@code event} of a message on FastRTC's telephone-style WebSocket ({@code .../websocket/offer}): the
     * server speaks FastRTC's own protocol there, for FastRTC's clients (Riffle's browser client does not use it).
     */
    public static final class FastRtcEvent {
        public static final String START = "start";
        public static final String MEDIA = "media";
        public static final String PING = "ping";
        public static final String PONG = "pong";
        public static final String STOP = "stop";

        private FastRtcEvent() {
        }
    }

    /** The WebSocket close codes (RFC 6455) a session ends with. */
    public static final class Close {
        public static final int NORMAL = 1000;
        public static final int GOING_AWAY = 1001;
        public static final int POLICY_VIOLATION = 1008;
        public static final int MESSAGE_TOO_BIG = 1009;
        public static final int INTERNAL_ERROR = 1011;
        public static final int TRY_AGAIN_LATER = 1013;

        private Close() {
        }
    }
}
