package dev.riffle.stream;

/** Which way media flows, FastRTC's {@code mode}. */
public enum Mode {
    /** Client to server and back (the default). */
    SEND_RECEIVE,
    /** Client to server only. */
    SEND,
    /** Server to client only. */
    RECEIVE;

    /** As the wire and the browser spell it: "send_receive", "send", "receive". */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The value of {@code wire}, e.g. {@code "send_receive"}; case and {@code -} for {@code _} do not matter. */
    public static Mode fromWire(String wire) {
        return valueOf(wire.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT));
    }
}
