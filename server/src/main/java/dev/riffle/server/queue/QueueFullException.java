package dev.riffle.server.queue;

/** Thrown when a session asks to join a group whose line is at the queue's maximum size. Wire code {@value #CODE}. */
public final class QueueFullException extends RuntimeException {
    /** The stable error code sent to clients. */
    public static final String CODE = "queue_full";

    private final String groupId;
    private final int maxQueueSize;

    QueueFullException(String groupId, int maxQueueSize) {
        super("The queue of '" + groupId + "' is full (" + maxQueueSize + " waiting); try again later");
        this.groupId = groupId;
        this.maxQueueSize = maxQueueSize;
    }

    public String groupId() {
        return groupId;
    }

    public int maxQueueSize() {
        return maxQueueSize;
    }
}
