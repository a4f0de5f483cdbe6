package dev.riffle.server.queue;

import java.time.Duration;

/**
 * One session's place in the {@link StreamQueue}: waiting at a position, or admitted to a slot of its concurrency
 * group until its time limit. A snapshot: the queue hands out a new one whenever something about it changes.
 *
 * @param sessionId the session
 * @param groupId its concurrency group
 * @param state waiting, admitted or closed
 * @param position 1-based place in the group's line while waiting; 0 otherwise
 * @param eta estimated wait until admission while waiting ({@code null} when unknown); null otherwise
 * @param remaining time left of the time limit while admitted ({@code null} = no limit); null otherwise
 * @param timeLimit the session's time limit ({@code null} = none)
 */
public record Ticket(String sessionId, String groupId, State state, int position, Duration eta, Duration remaining,
        Duration timeLimit) {

    /** Where a session stands. */
    public enum State {
        /** In line for a slot. */
        WAITING,
        /** Holding a slot: its handler runs. */
        ADMITTED,
        /** Gone from the queue (left, lost its heartbeat, or refused). */
        CLOSED
    }
}
