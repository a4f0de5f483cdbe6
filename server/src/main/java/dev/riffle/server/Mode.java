package dev.riffle.server;

/** Which way media flows, FastRTC's {@code mode}. */
public enum Mode {
    /** Client to server and back (the default). */
    SEND_RECEIVE,
    /** Client to server only. */
    SEND,
    /** Server to client only. */
    RECEIVE
}
