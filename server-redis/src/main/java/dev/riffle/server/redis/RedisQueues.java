package dev.riffle.server.redis;

import dev.riffle.server.queue.QueueBackend;
import dev.riffle.server.queue.QueueListener;
import dev.riffle.server.queue.SessionQueue;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * A queue shared through Redis by every node that serves the same streams: one concurrency limit and one first-in,
 * first-out line per concurrency group across the nodes, positions and ETAs, time limits with rejoin at the back,
 * the maximum queue size. Admission is one Lua script per change, so nodes admitting at the same instant never admit
 * more than the limit. Each node holds its sessions' slots and places as leases it renews every second; a node that
 * dies without a word gives them back when they run out (the lease, 5 s by default, plus at most a second).
 *
 * <pre>{@code
 * RiffleServer.create().queue(RedisQueues.connect("redis://127.0.0.1:6379"))...
 * }</pre>
 *
 * Redis unreachable: new sessions are refused with 503 {@code queue_unavailable}; sessions already streaming go on
 * (their slots are re-asserted when Redis is back). Groups, sessions and nodes live under keys
 * {@code riffle:{<concurrency id>}:*} and channels {@code riffle:node:<node id>}.
 */
public final class RedisQueues implements QueueBackend {
    private final String uri;
    private String node = defaultNode();
    private Duration lease = Duration.ofSeconds(5);
    private Duration renewEvery = Duration.ofSeconds(1);
    private Duration timeout = Duration.ofSeconds(2);
    private java.net.URI address;

    private RedisQueues(String uri) {
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** Queues kept in the Redis at {@code uri} ({@code redis://host:port}, {@code rediss://...} with TLS). */
    public static RedisQueues connect(String uri) {
        return new RedisQueues(uri);
    }

    /** This node's name in Redis (unique among the nodes; default: host name and a random suffix). */
    public RedisQueues node(String id) {
        if (id == null || id.isBlank() || id.contains(" ")) {
            throw new IllegalArgumentException("A node id is a non-empty word, got '" + id + "'");
        }
        this.node = id;
        return this;
    }

    /**
     * How long a node's slots and places outlive its last renewal (renewals come every second): how soon a crashed
     * node's slots go to the next in line. Default 5 s; at least 2 s.
     */
    public RedisQueues lease(Duration lease) {
        if (lease.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("A lease shorter than 2 s would lapse between renewals, got " + lease);
        }
        this.lease = lease;
        return this;
    }

    /** How long a Redis command may take before the node counts Redis as unreachable. Default 2 s. */
    public RedisQueues timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Where the other nodes reach this one, {@code http://host:port} (requests about a session this node serves are
     * forwarded there). Default: the host's address and port as the server knows them at start, or the local address
     * of the first request that arrives.
     */
    public RedisQueues address(String address) {
        java.net.URI a = java.net.URI.create(address);
        if (a.getScheme() == null || !a.getScheme().startsWith("http") || a.getHost() == null) {
            throw new IllegalArgumentException("A node's address is http(s)://host:port, got '" + address + "'");
        }
        this.address = a;
        return this;
    }

    java.net.URI address() {
        return address;
    }

    String uri() {
        return uri;
    }

    String node() {
        return node;
    }

    Duration lease() {
        return lease;
    }

    Duration renewEvery() {
        return renewEvery;
    }

    Duration timeout() {
        return timeout;
    }

    @Override
    public SessionQueue create(int maxQueueSize, Duration heartbeatTimeout, QueueListener listener) {
        return new RedisQueue(this, maxQueueSize, heartbeatTimeout, listener);
    }

    private static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        return host.replaceAll("[^A-Za-z0-9_.-]", "-") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
