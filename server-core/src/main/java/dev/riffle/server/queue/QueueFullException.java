package dev.riffle.server.queue;

import dev.riffle.stream.ErrorCode;

/** Thrown when a session asks to join a group whose line is at the queue's maximum size. Wire code {@code queue_full}. */
public final class QueueFullException extends RuntimeException {
    /** The stable error code sent to clients. */
    public static final ErrorCode CODE = ErrorCode.QUEUE_FULL;

    private final String groupId;
    private final int maxQueueSize;

    public QueueFullException(String groupId, int maxQueueSize) {
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
