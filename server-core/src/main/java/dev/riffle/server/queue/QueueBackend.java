package dev.riffle.server.queue;

import java.time.Duration;

/**
 * Where a server keeps its queue: {@link #inProcess()} (the default: one node) or a shared one, such as
 * {@code riffle-redis}'s {@code RedisQueues}, for several nodes serving the same streams behind a load balancer.
 */
@FunctionalInterface
public interface QueueBackend {
    /**
     * The queue of one server (engine).
     *
     * @param maxQueueSize sessions that may wait in one group's line
     * @param heartbeatTimeout a session silent for longer loses its place or slot
     * @param listener told of this node's sessions' admissions, places, expiries and departures
     */
    SessionQueue create(int maxQueueSize, Duration heartbeatTimeout, QueueListener listener);

    /** The queue in this process. */
    static QueueBackend inProcess() {
        return (max, heartbeat, listener) -> new StreamQueue(java.time.InstantSource.system(), max, heartbeat,
                listener);
    }
}
