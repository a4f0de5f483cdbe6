package dev.riffle.server.queue;

import java.time.Duration;

/**
 * The streaming queue as the engine uses it: concurrency groups, one FIFO line per group, slots held until a session
 * leaves, loses its heartbeat or reaches its time limit (then it rejoins at the back). {@link StreamQueue} keeps it in
 * this process (one node); {@code riffle-redis}'s keeps it in Redis, shared by every node that serves a stream.
 * Implementations tell their {@link QueueListener} of every change of this node's sessions.
 */
public interface SessionQueue extends AutoCloseable {
    /** Declares a concurrency group, or changes its limit ({@code null} = unlimited). */
    void defineGroup(String groupId, Integer limit);

    /**
     * Puts a session in line for a slot of {@code groupId}; admitted at once when a slot is free.
     *
     * @param timeLimit how long it may hold a slot at a time; {@code null} = no limit
     * @throws QueueFullException if the group's line is at the maximum size
     * @throws dev.riffle.stream.ApiError {@code queue_unavailable} (503) when a shared queue cannot be reached
     */
    Ticket join(String sessionId, String groupId, Duration timeLimit);

    /** Removes a session and frees its slot at once. Returns false if it was unknown. */
    boolean leave(String sessionId);

    /** Records a sign of life from a session. Returns false if it is unknown. */
    boolean heartbeat(String sessionId);

    /** The session's current ticket, or {@code null} if it is not in the queue. */
    Ticket ticket(String sessionId);

    /** Applies time limits and heartbeat timeouts that are due now (may hand the work to a thread of its own). */
    void tick();

    /** When the next time limit or heartbeat timeout of this node's sessions falls due, in epoch ms. */
    long nextDeadline();

    /** Sessions waiting in a group's line (all nodes). */
    int waitingCount(String groupId);

    /** Sessions holding a slot of a group (all nodes). */
    int admittedCount(String groupId);

    /** Which node serves which session ({@link SessionDirectory#NONE} for a queue of one node). */
    default SessionDirectory directory() {
        return SessionDirectory.NONE;
    }

    /** Stops: this node's sessions' places and slots go back (a shared queue: at once, not after the lease). */
    @Override
    default void close() {
    }
}
