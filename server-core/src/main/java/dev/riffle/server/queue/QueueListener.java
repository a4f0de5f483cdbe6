package dev.riffle.server.queue;

/**
 * What the {@link StreamQueue} tells the transports about a session. Called after the queue's lock is released, in
 * the order things happened; every method does nothing by default.
 */
public interface QueueListener {
    /** The session got a slot: start its stream (and the orange time-limit bar). */
    default void admitted(Ticket ticket) {
    }

    /** The session waits, at a new position or with a new ETA. */
    default void waiting(Ticket ticket) {
    }

    /** The session's time limit ran out: its slot went to the next in line and it rejoined at the back. */
    default void expired(Ticket ticket) {
    }

    /** The session left the queue for good. */
    default void closed(Ticket ticket, CloseReason reason) {
    }

    /** Why a session left the queue. */
    enum CloseReason {
        /** The client closed the stream or disconnected. */
        LEFT,
        /** No heartbeat within the heartbeat timeout. */
        HEARTBEAT_LOST
    }
}
