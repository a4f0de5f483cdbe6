package dev.riffle.server.redis;

import dev.riffle.server.queue.SessionDirectory;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session directory kept in Redis beside the queue ({@code directory.lua}): owner keys
 * {@code riffle:owner:<path>:<id>} hold the id of the node that serves a session, as leases this node renews with its
 * queue's (so a dead node's sessions are forgotten when they run out); {@code riffle:nodes} holds each node's address,
 * streaming sessions and drain state, reported every renewal; {@code riffle:cluster:key} the secret that marks
 * forwarded requests as the nodes' own.
 */
final class RedisDirectory implements SessionDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RedisDirectory.class);
    private static final String NODES = "riffle:nodes";
    private static final String OWNER = "riffle:owner:";
    private static final String KEY = "riffle:cluster:key";

    private final RedisQueues config;
    private final StatefulRedisConnection<String, String> redis;
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private volatile String clusterKey;
    private final LuaScript script;
    private final java.util.concurrent.atomic.AtomicBoolean reporting = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile URI address;
    private volatile IntSupplier streaming = () -> 0;
    private volatile BooleanSupplier draining = () -> false;

    RedisDirectory(RedisQueues config, StatefulRedisConnection<String, String> redis) {
        this.config = config;
        this.redis = redis;
        this.address = config.address();
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        // the first node to start chooses the secret; the others read it
        redis.sync().set(KEY, Base64.getUrlEncoder().withoutPadding().encodeToString(secret), SetArgs.Builder.nx());
        this.clusterKey = redis.sync().get(KEY);
        this.script = new LuaScript("directory.lua", redis);
    }

    @Override
    public boolean isShared() {
        return true;
    }

    @Override
    public String node() {
        return config.node();
    }

    @Override
    public void advertise(URI address) {
        if (this.address == null) {
            this.address = address;
            LOG.info("Node {} is reached by the other nodes at {}", config.node(), address);
            try {
                renew(); // the other nodes know of it at once, not at the next renewal
            } catch (RedisException e) {
                // the next renewal reports it
            }
        }
    }

    @Override
    public boolean isAdvertised() {
        return address != null;
    }

    @Override
    public void reportLoad(IntSupplier streaming, BooleanSupplier draining) {
        this.streaming = streaming;
        this.draining = draining;
    }

    @Override
    public void loadChanged() {
        if (address == null || !reporting.compareAndSet(false, true)) {
            return; // the report under way, or the next renewal, tells it
        }
        try {
            send(List.of(), "renew", report()).whenComplete((r, e) -> reporting.set(false));
        } catch (RedisException e) {
            reporting.set(false);
        }
    }

    @Override
    public String clusterKey() {
        return clusterKey;
    }

    @Override
    public boolean claim(String path, String id) {
        String key = OWNER + path + ":" + id;
        if (!claimed.add(key)) {
            return true; // this node's already (an offer claims its webrtc_id before its session does)
        }
        List<Object> out;
        try {
            out = run(List.of(key), "claim");
        } catch (RedisException e) {
            throw unavailable(); // kept in claimed: the next renewal sets it, unless the caller releases it
        }
        if ((Long) out.get(0) == 0) {
            claimed.remove(key);
            return false;
        }
        return true;
    }

    @Override
    public void release(String path, String id) {
        String key = OWNER + path + ":" + id;
        if (claimed.remove(key)) {
            try {
                send(List.of(key), "release").exceptionally(gone -> null); // else it runs out
            } catch (RedisException gone) {
                // its lease runs out instead
            }
        }
    }

    @Override
    public Node owner(String path, String id) {
        String key = OWNER + path + ":" + id;
        if (claimed.contains(key)) {
            return self();
        }
        List<Object> out;
        try {
            out = run(List.of(key), "owner");
        } catch (RedisException e) {
            throw unavailable();
        }
        if (out.isEmpty()) {
            return null;
        }
        String node = String.valueOf(out.get(0));
        return node.equals(config.node()) ? self() : parse(node, String.valueOf(out.get(1)));
    }

    @Override
    public Node lessLoaded() {
        List<Object> out;
        try {
            out = run(List.of(), "nodes");
        } catch (RedisException e) {
            return null; // answered here
        }
        long now = (Long) out.get(0);
        Node best = null;
        for (int i = 1; i + 1 < out.size(); i += 2) {
            String entry = String.valueOf(out.get(i + 1));
            Node n = parse(String.valueOf(out.get(i)), entry);
            long at;
            try {
                at = Long.parseLong(entry.substring(entry.lastIndexOf(' ') + 1));
            } catch (NumberFormatException garbled) {
                continue;
            }
            if (n.id().equals(config.node()) || n.draining() || n.address() == null
                    || now - at > config.lease().toMillis()) {
                continue;
            }
            if (best == null || n.sessions() < best.sessions()) {
                best = n;
            }
        }
        if (best == null) {
            return null;
        }
        return draining.getAsBoolean() || best.sessions() < streaming.getAsInt() ? best : null;
    }

    /** Renews this node's owner keys and reports its load: on the queue's worker thread, every renewal. */
    void renew() {
        List<Object> out = run(new ArrayList<>(claimed), "renew", report());
        // after Redis lost the key, a node that started meanwhile may have chosen another: all take the one kept
        clusterKey = String.valueOf(out.get(1));
    }

    /** This node stops: its entry and its owner keys go at once. */
    void leave() {
        try {
            List<String> keys = new ArrayList<>(claimed);
            run(keys, "release");
            run(List.of(), "leave");
        } catch (RedisException gone) {
            // they run out instead
        }
        claimed.clear();
    }

    private Node self() {
        return new Node(config.node(), address, streaming.getAsInt(), draining.getAsBoolean());
    }

    /** A node from its entry {@code "<address> <streaming> <draining> <at>"} (empty if it never reported). */
    private static Node parse(String node, String entry) {
        String[] f = entry.split(" ");
        try {
            return new Node(node, f[0].equals("-") ? null : URI.create(f[0]), Integer.parseInt(f[1]),
                    f[2].equals("1"));
        } catch (RuntimeException garbled) {
            return new Node(node, null, 0, false); // no address: requests for its sessions get node_unreachable
        }
    }

    /** What {@code renew} reports of this node: its address, streaming sessions, drain state, cluster key. */
    private String[] report() {
        URI a = address;
        return new String[] {a == null ? "-" : a.toString(), String.valueOf(streaming.getAsInt()),
            draining.getAsBoolean() ? "1" : "0", clusterKey};
    }

    /** Runs an operation of {@code directory.lua} and waits for its answer. */
    private List<Object> run(List<String> keys, String op, String... more) {
        return script.run(keys(keys), argv(op, more));
    }

    /** Sends an operation of {@code directory.lua} without waiting. */
    private RedisFuture<List<Object>> send(List<String> keys, String op, String... more) {
        return script.runAsync(keys(keys), argv(op, more));
    }

    /** The script's KEYS: the nodes' hash, the cluster key, then {@code keys}. */
    private static String[] keys(List<String> keys) {
        String[] k = new String[keys.size() + 2];
        k[0] = NODES;
        k[1] = KEY;
        for (int i = 0; i < keys.size(); i++) {
            k[i + 2] = keys.get(i);
        }
        return k;
    }

    /** The script's ARGV: the operation, this node, the lease, then {@code more}. */
    private String[] argv(String op, String... more) {
        String[] argv = new String[3 + more.length];
        argv[0] = op;
        argv[1] = config.node();
        argv[2] = String.valueOf(config.lease().toMillis());
        System.arraycopy(more, 0, argv, 3, more.length);
        return argv;
    }

    private static ApiError unavailable() {
        return new ApiError(ErrorCode.QUEUE_UNAVAILABLE, "The cluster's session directory (in Redis) cannot be"
                + " reached; try again in a moment.");
    }
}
