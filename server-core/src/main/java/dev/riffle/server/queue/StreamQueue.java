package dev.riffle.server.queue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The streaming queue: sessions join a concurrency group, wait in line (first in, first out) while the group's slots
 * are taken, and hold a slot until they leave, lose their heartbeat, or reach their time limit - then the slot goes
 * to the next in line and the expired session rejoins at the back, as Gradio's streams do.
 *
 * <p>The queue is a state machine with no threads of its own: time is read from an {@link InstantSource}, and the
 * host calls {@link #tick()} at {@link #nextDeadline()} (and whenever convenient) to apply time limits and heartbeat
 * timeouts. Listeners hear about every change after the queue's lock is released.
 *
 * <pre>{@code
 * StreamQueue queue = new StreamQueue(InstantSource.system(), 100, Duration.ofSeconds(10), listener);
 * queue.defineGroup("filters", 30);
 * Ticket t = queue.join(sessionId, "filters", Duration.ofSeconds(30));   // ADMITTED or WAITING at a position
 * }</pre>
 *
 * Thread-safe.
 */
public final class StreamQueue implements SessionQueue {
    private static final int HOLD_HISTORY = 20;

    private final InstantSource clock;
    private final int maxQueueSize;
    private final Duration heartbeatTimeout;
    private final QueueListener listener;
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, Entry> sessions = new HashMap<>();

    /**
     * @param clock the time source (tests pass a manual one)
     * @param maxQueueSize how many sessions may wait in one group's line; a further one is refused
     * @param heartbeatTimeout a session silent for longer is dropped
     * @param listener told about admissions, positions, expiries and departures
     */
    public StreamQueue(InstantSource clock, int maxQueueSize, Duration heartbeatTimeout, QueueListener listener) {
        if (maxQueueSize < 0) {
            throw new IllegalArgumentException("maxQueueSize must be >= 0, got " + maxQueueSize);
        }
        if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
            throw new IllegalArgumentException("heartbeatTimeout must be positive, got " + heartbeatTimeout);
        }
        this.clock = clock;
        this.maxQueueSize = maxQueueSize;
        this.heartbeatTimeout = heartbeatTimeout;
        this.listener = listener;
    }

    /**
     * Declares a concurrency group, or changes its limit (a raised limit admits waiting sessions at once).
     *
     * @param limit slots in the group; {@code null} = unlimited
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    @Override
    public void defineGroup(String groupId, Integer limit) {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("Concurrency limit of '" + groupId + "' must be >= 1 or null, got "
                    + limit);
        }
        List<Runnable> events = new ArrayList<>();
        synchronized (this) {
            groups.computeIfAbsent(groupId, Group::new).limit = limit;
            refresh(groups.get(groupId), events);
        }
        events.forEach(Runnable::run);
    }

    /**
     * Puts a session in line for a slot of {@code groupId}; it is admitted at once when a slot is free.
     *
     * @param timeLimit how long the session may hold a slot at a time; {@code null} = no limit
     * @return the session's ticket
     * @throws IllegalArgumentException if the group is not defined or the session is already queued
     * @throws QueueFullException if the group's line already holds {@code maxQueueSize} sessions
     */
    @Override
    public Ticket join(String sessionId, String groupId, Duration timeLimit) {
        if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
            throw new IllegalArgumentException("timeLimit must be positive or null, got " + timeLimit);
        }
        List<Runnable> events = new ArrayList<>();
        Ticket ticket;
        synchronized (this) {
            Group group = groups.get(groupId);
            if (group == null) {
                throw new IllegalArgumentException("Unknown concurrency group '" + groupId + "'; define it first");
            }
            if (sessions.containsKey(sessionId)) {
                throw new IllegalArgumentException("Session " + sessionId + " is already in the queue");
            }
            if (group.hasFreeSlot() || group.waiting.size() < maxQueueSize) {
                Entry entry = new Entry(sessionId, group, timeLimit, now());
                sessions.put(sessionId, entry);
                group.waiting.addLast(entry);
                refresh(group, events);
                ticket = ticketOf(entry);
            } else {
                throw new QueueFullException(groupId, maxQueueSize);
            }
        }
        events.forEach(Runnable::run);
        return ticket;
    }

    /** Removes a session (closed stream, disconnect) and frees its slot at once. Returns false if it was unknown. */
    @Override
    public boolean leave(String sessionId) {
        return remove(sessionId, QueueListener.CloseReason.LEFT);
    }

    /** Records a sign of life from a session. Returns false if it is unknown (e.g. already dropped). */
    @Override
    public synchronized boolean heartbeat(String sessionId) {
        Entry entry = sessions.get(sessionId);
        if (entry == null) {
            return false;
        }
        entry.lastHeartbeat = now();
        return true;
    }

    /** The session's current ticket, or {@code null} if it is not in the queue. */
    @Override
    public synchronized Ticket ticket(String sessionId) {
        Entry entry = sessions.get(sessionId);
        return entry == null ? null : ticketOf(entry);
    }

    /** Applies time limits and heartbeat timeouts that are due now. */
    @Override
    public void tick() {
        List<Runnable> events = new ArrayList<>();
        synchronized (this) {
            long now = now();
            long timeout = heartbeatTimeout.toMillis();
            for (Entry entry : List.copyOf(sessions.values())) {
                if (now - entry.lastHeartbeat > timeout) {
                    drop(entry, QueueListener.CloseReason.HEARTBEAT_LOST, events);
                }
            }
            for (Group group : groups.values()) {
                for (Iterator<Entry> it = group.admitted.values().iterator(); it.hasNext(); ) {
                    Entry entry = it.next();
                    if (entry.deadline() <= now) {
                        it.remove();
                        group.recordHold(now - entry.admittedAt);
                        entry.admittedAt = -1;
                        entry.reportedPosition = -1;
                        group.waiting.addLast(entry);
                        Ticket expired = ticketOf(entry);
                        events.add(() -> listener.expired(expired));
                    }
                }
                refresh(group, events);
            }
        }
        events.forEach(Runnable::run);
    }

    /** When the next time limit or heartbeat timeout falls due, in ms of the clock; {@code Long.MAX_VALUE} if never. */
    @Override
    public synchronized long nextDeadline() {
        long next = Long.MAX_VALUE;
        long timeout = heartbeatTimeout.toMillis();
        for (Entry entry : sessions.values()) {
            next = Math.min(next, entry.lastHeartbeat + timeout + 1);
            if (entry.admittedAt >= 0) {
                next = Math.min(next, entry.deadline());
            }
        }
        return next;
    }

    /** Sessions waiting in a group's line. */
    @Override
    public synchronized int waitingCount(String groupId) {
        Group group = groups.get(groupId);
        return group == null ? 0 : group.waiting.size();
    }

    /** Sessions holding a slot of a group. */
    @Override
    public synchronized int admittedCount(String groupId) {
        Group group = groups.get(groupId);
        return group == null ? 0 : group.admitted.size();
    }

    private boolean remove(String sessionId, QueueListener.CloseReason reason) {
        List<Runnable> events = new ArrayList<>();
        synchronized (this) {
            Entry entry = sessions.get(sessionId);
            if (entry == null) {
                return false;
            }
            drop(entry, reason, events);
            refresh(entry.group, events);
        }
        events.forEach(Runnable::run);
        return true;
    }

    private void drop(Entry entry, QueueListener.CloseReason reason, List<Runnable> events) {
        sessions.remove(entry.sessionId);
        Group group = entry.group;
        if (group.admitted.remove(entry.sessionId) != null) {
            group.recordHold(now() - entry.admittedAt);
        } else {
            group.waiting.remove(entry);
        }
        entry.closed = true;
        Ticket closed = ticketOf(entry);
        events.add(() -> listener.closed(closed, reason));
    }

    /** Admits from the front of the line while slots are free, then reports changed positions and ETAs. */
    private void refresh(Group group, List<Runnable> events) {
        long now = now();
        while (group.hasFreeSlot() && !group.waiting.isEmpty()) {
            Entry entry = group.waiting.pollFirst();
            entry.admittedAt = now;
            group.admitted.put(entry.sessionId, entry);
            Ticket admitted = ticketOf(entry);
            events.add(() -> listener.admitted(admitted));
        }
        long[] etas = etas(group);
        int position = 0;
        for (Entry entry : group.waiting) {
            position++;
            // an ETA shrinking as time passes is no news; the expected admission time moving by a second is
            long admitAt = etas[position - 1] < 0 ? -1 : now + etas[position - 1];
            boolean etaMoved = (admitAt < 0) != (entry.reportedAdmitAt < 0)
                    || Math.abs(admitAt - entry.reportedAdmitAt) >= 1000;
            if (entry.reportedPosition != position || etaMoved) {
                entry.reportedPosition = position;
                entry.reportedAdmitAt = admitAt;
                // the place and ETA known here: ticketOf would walk the line and estimate it again for each one
                Ticket waiting = new Ticket(entry.sessionId, group.id, Ticket.State.WAITING, position,
                        etas[position - 1] < 0 ? null : Duration.ofMillis(etas[position - 1]), null, entry.timeLimit);
                events.add(() -> listener.waiting(waiting));
            }
        }
    }

    private Ticket ticketOf(Entry entry) {
        Group group = entry.group;
        if (entry.closed) {
            return new Ticket(entry.sessionId, group.id, Ticket.State.CLOSED, 0, null, null, entry.timeLimit);
        }
        if (entry.admittedAt >= 0) {
            Duration remaining = entry.timeLimit == null ? null
                    : Duration.ofMillis(Math.max(0, entry.deadline() - now()));
            return new Ticket(entry.sessionId, group.id, Ticket.State.ADMITTED, 0, null, remaining, entry.timeLimit);
        }
        int position = 1;
        for (Entry e : group.waiting) {
            if (e == entry) {
                break;
            }
            position++;
        }
        long[] etas = etas(group);
        Duration eta = etas[position - 1] < 0 ? null : Duration.ofMillis(etas[position - 1]);
        return new Ticket(entry.sessionId, group.id, Ticket.State.WAITING, position, eta, null, entry.timeLimit);
    }

    /**
     * Estimated waits, in ms, of the sessions in line, in line order: each slot frees when its holder's time limit
     * ends (or after the group's typical hold when it has none), and each session ahead then holds a slot for its own
     * time limit (or the typical hold). -1 where hold times are unknown.
     */
    private long[] etas(Group group) {
        long[] etas = new long[group.waiting.size()];
        if (group.limit == null || etas.length == 0) {
            return etas;
        }
        long now = now();
        long typical = group.typicalHold();
        PriorityQueue<Long> freeAt = new PriorityQueue<>();
        for (Entry holder : group.admitted.values()) {
            long hold = holder.timeLimit != null ? holder.timeLimit.toMillis() : typical;
            if (hold < 0) {
                Arrays.fill(etas, -1);
                return etas;
            }
            freeAt.add(Math.max(now, holder.admittedAt + hold));
        }
        while (freeAt.size() < group.limit) {
            freeAt.add(now);
        }
        int i = 0;
        for (Entry ahead : group.waiting) {
            long start = freeAt.poll();
            etas[i++] = start - now;
            long hold = ahead.timeLimit != null ? ahead.timeLimit.toMillis() : typical;
            if (hold < 0) {
                Arrays.fill(etas, i, etas.length, -1);
                break;
            }
            freeAt.add(start + hold);
        }
        return etas;
    }

    private long now() {
        return clock.millis();
    }

    private static final class Group {
        final String id;
        Integer limit = 1;
        final ArrayDeque<Entry> waiting = new ArrayDeque<>();
        final LinkedHashMap<String, Entry> admitted = new LinkedHashMap<>();
        final long[] holds = new long[HOLD_HISTORY];
        int holdCount;

        Group(String id) {
            this.id = id;
        }

        boolean hasFreeSlot() {
            return limit == null || admitted.size() < limit;
        }

        void recordHold(long millis) {
            holds[holdCount++ % HOLD_HISTORY] = millis;
        }

        /** Mean of the last holds, or -1 with no history. */
        long typicalHold() {
            int n = Math.min(holdCount, HOLD_HISTORY);
            if (n == 0) {
                return -1;
            }
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += holds[i];
            }
            return sum / n;
        }
    }

    private static final class Entry {
        final String sessionId;
        final Group group;
        final Duration timeLimit;
        long admittedAt = -1;
        long lastHeartbeat;
        int reportedPosition = -1;
        long reportedAdmitAt = Long.MIN_VALUE;
        boolean closed;

        Entry(String sessionId, Group group, Duration timeLimit, long now) {
            this.sessionId = sessionId;
            this.group = group;
            this.timeLimit = timeLimit;
            this.lastHeartbeat = now;
        }

        long deadline() {
            return timeLimit == null ? Long.MAX_VALUE : admittedAt + timeLimit.toMillis();
        }
    }
}
