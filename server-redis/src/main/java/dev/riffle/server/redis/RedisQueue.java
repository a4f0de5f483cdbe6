package dev.riffle.server.redis;

import dev.riffle.server.queue.QueueFullException;
import dev.riffle.server.queue.QueueListener;
import dev.riffle.server.queue.SessionQueue;
import dev.riffle.server.queue.Ticket;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's view of the shared queue: the state of every group is in Redis ({@code queue.lua}), this node keeps its
 * own sessions' tickets, renews their leases, applies their heartbeat timeouts and time limits, and hears of their
 * admissions on its channel. Joins and leaves run on the caller's thread (a Redis round trip, bounded by the
 * timeout); renewals, time limits and notices run on a thread of its own, so the engine's timer never waits on Redis.
 */
final class RedisQueue implements SessionQueue {
    private static final Logger LOG = LoggerFactory.getLogger(RedisQueue.class);
    private static final String CHANNEL = "riffle:node:";
    private static final String WORKER = "riffle-redis-queue";

    private final RedisQueues config;
    private final int maxQueueSize;
    private final Duration heartbeatTimeout;
    private final QueueListener listener;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> notices;
    private final ScheduledExecutorService worker;
    private final Map<String, Local> sessions = new ConcurrentHashMap<>();
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicLong workerRoundTrips = new AtomicLong();
    private final LuaScript script;
    private final RedisDirectory directory;

    /** A concurrency group as this node last read it. */
    private static final class Group {
        final String id;
        final String[] keys;
        volatile Integer limit = 1;
        /** the mean slot hold, ms, or -1 while unknown */
        volatile long meanHold = -1;

        Group(String id) {
            this.id = id;
            String p = "riffle:{" + id + "}:";
            this.keys = new String[] {p + "line", p + "slots", p + "wlease", p + "info", p + "since", p + "seq",
                p + "limit", p + "holds"};
        }
    }

    /** One of this node's sessions. */
    private static final class Local {
        final String id;
        final Group group;
        final Duration timeLimit;
        final AtomicReference<Ticket.State> state = new AtomicReference<>(Ticket.State.WAITING);
        volatile long lastHeartbeat = System.currentTimeMillis();
        volatile long admittedAt = -1;
        volatile int position;

        Local(String id, Group group, Duration timeLimit) {
            this.id = id;
            this.group = group;
            this.timeLimit = timeLimit;
        }

        long deadline() {
            return admittedAt < 0 || timeLimit == null ? Long.MAX_VALUE : admittedAt + timeLimit.toMillis();
        }
    }

    RedisQueue(RedisQueues config, int maxQueueSize, Duration heartbeatTimeout, QueueListener listener) {
        this.config = config;
        this.maxQueueSize = maxQueueSize;
        this.heartbeatTimeout = heartbeatTimeout;
        this.listener = listener;
        // reconnect soon after an outage (Lettuce's default backs off to 30 s): new sessions wait on it
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, config.uri());
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.timeout())).build());
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, WORKER);
            t.setDaemon(true);
            return t;
        });
        try {
            this.redis = client.connect();
            redis.setTimeout(config.timeout());
            this.notices = client.connectPubSub();
            notices.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    if (message.startsWith("admitted ")) {
                        String id = message.substring("admitted ".length());
                        try {
                            worker.execute(() -> admittedElsewhere(id));
                        } catch (java.util.concurrent.RejectedExecutionException closing) {
                            // this node is stopping: its sessions are gone
                        }
                    }
                }
            });
            notices.sync().subscribe(CHANNEL + config.node());
            this.script = new LuaScript("queue.lua", redis);
            this.directory = new RedisDirectory(config, redis);
        } catch (RedisException e) {
            close();
            throw new IllegalStateException("Redis at " + config.uri() + " cannot be reached: " + e.getMessage(), e);
        }
        long every = config.renewEvery().toMillis();
        worker.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** A crash, for tests: renewals stop and the connections drop, nothing is given back. */
    void dieForTest() {
        worker.shutdownNow();
        notices.close();
        redis.close();
    }

    /** Redis round trips so far (scripts and counts), for the benchmark. */
    long roundTrips() {
        return roundTrips.get() + script.reloads();
    }

    /** Round trips made on callers' threads (joins, leaves, counts), renewals left out, for the benchmark. */
    long callerRoundTrips() {
        return roundTrips() - workerRoundTrips.get();
    }

    @Override
    public dev.riffle.server.queue.SessionDirectory directory() {
        return directory;
    }

    @Override
    public void defineGroup(String groupId, Integer limit) {
        Group g = groups.computeIfAbsent(groupId, Group::new);
        g.limit = limit;
        try {
            run(g, "define", String.valueOf(limit == null ? -1 : limit));
        } catch (RedisException e) {
            unreachable(e);
        }
    }

    @Override
    public Ticket join(String sessionId, String groupId, Duration timeLimit) {
        Group g = groups.get(groupId);
        if (g == null) {
            throw new IllegalArgumentException("Unknown concurrency group '" + groupId + "'; define it first");
        }
        Local local = new Local(sessionId, g, timeLimit);
        if (sessions.putIfAbsent(sessionId, local) != null) {
            throw new IllegalArgumentException("Session " + sessionId + " is already in the queue");
        }
        List<Object> out;
        try {
            out = run(g, "join", sessionId, config.node(), String.valueOf(maxQueueSize));
        } catch (RedisException e) {
            sessions.remove(sessionId);
            unreachable(e);
            throw new ApiError(ErrorCode.QUEUE_UNAVAILABLE, "The stream's queue (shared through Redis) cannot be"
                    + " reached; sessions already streaming go on. Try again in a moment.");
        }
        reached();
        String verdict = String.valueOf(out.get(0));
        if (!verdict.equals("ok")) {
            sessions.remove(sessionId);
            if (verdict.equals("full")) {
                throw new QueueFullException(groupId, maxQueueSize);
            }
            throw new IllegalArgumentException("Session " + sessionId + " is already in the queue");
        }
        long state = (Long) out.get(1);
        g.meanHold = (Long) out.get(3);
        if (state == 0) {
            becameAdmitted(local);
        } else {
            local.position = (int) state;
            listener.waiting(ticketOf(local));
        }
        return ticketOf(local);
    }

    @Override
    public boolean leave(String sessionId) {
        Local local = sessions.remove(sessionId);
        if (local == null) {
            return false;
        }
        local.state.set(Ticket.State.CLOSED);
        try {
            run(local.group, "leave", sessionId);
        } catch (RedisException e) {
            unreachable(e); // its lease runs out in Redis instead
        }
        listener.closed(ticketOf(local), QueueListener.CloseReason.LEFT);
        return true;
    }

    @Override
    public boolean heartbeat(String sessionId) {
        Local local = sessions.get(sessionId);
        if (local == null) {
            return false;
        }
        local.lastHeartbeat = System.currentTimeMillis();
        return true;
    }

    @Override
    public Ticket ticket(String sessionId) {
        Local local = sessions.get(sessionId);
        return local == null ? null : ticketOf(local);
    }

    @Override
    public void tick() {
        if (tickQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                tickQueued.set(false);
                applyDeadlines();
            });
        }
    }

    @Override
    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        long timeout = heartbeatTimeout.toMillis();
        for (Local l : sessions.values()) {
            next = Math.min(next, Math.min(l.lastHeartbeat + timeout + 1, l.deadline()));
        }
        return next;
    }

    @Override
    public int waitingCount(String groupId) {
        return count(groupId, 1);
    }

    @Override
    public int admittedCount(String groupId) {
        return count(groupId, 0);
    }

    private int count(String groupId, int which) {
        Group g = groups.get(groupId);
        if (g == null) {
            return 0;
        }
        try {
            return ((Long) run(g, "counts").get(which)).intValue();
        } catch (RedisException e) {
            unreachable(e);
            return 0;
        }
    }

    /** Gives this node's places and slots back at once and stops. */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            // a renewal under way would put this node's entry and ids back after they were given back
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (redis != null && redis.isOpen()) {
            if (directory != null) {
                directory.leave();
            }
            Map<Group, List<String>> mine = new java.util.HashMap<>();
            for (Local l : sessions.values()) {
                mine.computeIfAbsent(l.group, k -> new ArrayList<>()).add(l.id);
            }
            for (Map.Entry<Group, List<String>> e : mine.entrySet()) {
                try {
                    List<String> args = new ArrayList<>(List.of("close"));
                    args.addAll(e.getValue());
                    run(e.getKey(), args.toArray(String[]::new));
                } catch (RedisException gone) {
                    // their leases run out instead
                }
            }
        }
        sessions.clear();
        if (notices != null) {
            notices.close();
        }
        if (redis != null) {
            redis.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    // ---- on the worker thread

    /** Heartbeat timeouts and time limits of this node's sessions that are due. */
    private void applyDeadlines() {
        long now = System.currentTimeMillis();
        long timeout = heartbeatTimeout.toMillis();
        for (Local l : sessions.values()) {
            if (now - l.lastHeartbeat > timeout && sessions.remove(l.id, l)) {
                l.state.set(Ticket.State.CLOSED);
                try {
                    run(l.group, "leave", l.id);
                } catch (RedisException e) {
                    unreachable(e);
                }
                listener.closed(ticketOf(l), QueueListener.CloseReason.HEARTBEAT_LOST);
            } else if (l.state.get() == Ticket.State.ADMITTED && l.deadline() <= now) {
                try {
                    long state = (Long) run(l.group, "expire", l.id, config.node()).get(0);
                    if (state > 0 && l.state.compareAndSet(Ticket.State.ADMITTED, Ticket.State.WAITING)) {
                        l.admittedAt = -1;
                        l.position = (int) state;
                        listener.expired(ticketOf(l));
                    } else if (state == 0) {
                        l.admittedAt = System.currentTimeMillis(); // admitted again at once: a free slot
                    }
                } catch (RedisException e) {
                    unreachable(e); // tried again at the next tick
                }
            }
        }
    }

    /** Renews this node's leases, group by group, and brings places and admissions up to date. */
    private void renew() {
        try {
            applyDeadlines();
            Map<Group, List<Local>> byGroup = new java.util.HashMap<>();
            for (Local l : sessions.values()) {
                byGroup.computeIfAbsent(l.group, k -> new ArrayList<>()).add(l);
            }
            for (Group g : groups.values()) {
                List<Local> mine = byGroup.getOrDefault(g, List.of());
                List<Local> admitted = mine.stream().filter(l -> l.state.get() == Ticket.State.ADMITTED).toList();
                List<Local> waiting = mine.stream().filter(l -> l.state.get() == Ticket.State.WAITING).toList();
                Integer limit = g.limit;
                List<String> args = new ArrayList<>(List.of("renew", config.node(),
                        String.valueOf(limit == null ? -1 : limit), String.valueOf(admitted.size())));
                admitted.forEach(l -> args.add(l.id));
                waiting.forEach(l -> args.add(l.id));
                List<Object> out = run(g, args.toArray(String[]::new));
                g.meanHold = (Long) out.get(1);
                for (int i = 0; i < waiting.size(); i++) {
                    Local l = waiting.get(i);
                    long state = (Long) out.get(4 + admitted.size() + i);
                    if (state == 0) {
                        becameAdmitted(l); // its notice was lost
                    } else if (state > 0 && state != l.position && l.state.get() == Ticket.State.WAITING) {
                        l.position = (int) state;
                        listener.waiting(ticketOf(l));
                    }
                }
            }
            directory.renew();
            reached();
        } catch (RedisException e) {
            unreachable(e);
        } catch (RuntimeException e) {
            LOG.warn("Renewing the queue's leases failed", e);
        }
    }

    private void admittedElsewhere(String id) {
        Local l = sessions.get(id);
        if (l != null) {
            becameAdmitted(l);
        }
    }

    /** Once per admission, whichever hears of it first: the join's answer, the notice, or a renewal. */
    private void becameAdmitted(Local l) {
        if (l.state.compareAndSet(Ticket.State.WAITING, Ticket.State.ADMITTED)) {
            l.admittedAt = System.currentTimeMillis();
            l.position = 0;
            listener.admitted(ticketOf(l));
        }
    }

    private Ticket ticketOf(Local l) {
        Ticket.State state = l.state.get();
        if (state == Ticket.State.CLOSED) {
            return new Ticket(l.id, l.group.id, state, 0, null, null, l.timeLimit);
        }
        if (state == Ticket.State.ADMITTED) {
            Duration remaining = l.timeLimit == null ? null
                    : Duration.ofMillis(Math.max(0, l.deadline() - System.currentTimeMillis()));
            return new Ticket(l.id, l.group.id, state, 0, null, remaining, l.timeLimit);
        }
        return new Ticket(l.id, l.group.id, state, l.position, eta(l), null, l.timeLimit);
    }

    /**
     * A rough wait: rounds of the group's slots ahead of the session, each as long as its time limit (or the mean
     * hold so far); null while unknown.
     */
    private static Duration eta(Local l) {
        Integer limit = l.group.limit;
        long hold = l.timeLimit != null ? l.timeLimit.toMillis() : l.group.meanHold;
        if (limit == null || hold < 0 || l.position <= 0) {
            return null;
        }
        return Duration.ofMillis(((l.position + limit - 1) / limit) * hold);
    }

    private List<Object> run(Group g, String... args) {
        String[] argv = new String[args.length + 2];
        argv[0] = args[0];
        argv[1] = String.valueOf(config.lease().toMillis());
        argv[2] = CHANNEL;
        System.arraycopy(args, 1, argv, 3, args.length - 1);
        roundTrips.incrementAndGet();
        if (Thread.currentThread().getName().equals(WORKER)) {
            workerRoundTrips.incrementAndGet();
        }
        return script.run(g.keys, argv);
    }

    private void unreachable(RedisException e) {
        if (reachable.compareAndSet(true, false)) {
            LOG.warn("Redis at {} cannot be reached ({}): new sessions are refused (queue_unavailable); sessions"
                    + " already streaming go on", config.uri(), e.getMessage());
        }
    }

    private void reached() {
        if (reachable.compareAndSet(false, true)) {
            LOG.info("Redis at {} is reachable again: this node's slots and places are renewed", config.uri());
        }
    }
}
