package dev.riffle.server.queue;

import java.net.URI;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Which node serves which session, for nodes that serve the same streams behind a load balancer: a request about a
 * session ({@code /input_hook}, the outputs stream, {@code /queue?webrtc_id=}, a trickled ICE candidate) that reaches
 * a node other than the one holding the session's media is forwarded there. The node that answers the offer (or
 * opens the WebSocket) owns the session; it claims the session's ids here until the session ends, or until its
 * lease runs out when the node dies. Each node also reports its load here, so an offer can be answered by the least
 * loaded node.
 *
 * <p>{@link #NONE} is the directory of a node alone (every session is its own); a shared queue such as
 * {@code riffle-redis}'s keeps a shared one ({@link SessionQueue#directory()}).
 */
public interface SessionDirectory {
    /** One node alone: no other node, nothing to forward. */
    SessionDirectory NONE = new SessionDirectory() {
    };

    /** A node of the deployment as it last reported itself. */
    record Node(String id, URI address, int sessions, boolean draining) {
    }

    /** Whether other nodes may hold sessions of the same streams. */
    default boolean isShared() {
        return false;
    }

    /** This node's id, or null alone. */
    default String node() {
        return null;
    }

    /**
     * Where other nodes reach this one ({@code http://host:port}; the request's path is the same on every node).
     * The host names it at start; failing that, the first request that arrives does.
     */
    default void advertise(URI address) {
    }

    /** Whether this node's address is known. */
    default boolean isAdvertised() {
        return true;
    }

    /** Tells the directory how to read this node's load: streaming sessions, and whether it drains. */
    default void reportLoad(IntSupplier streaming, BooleanSupplier draining) {
    }

    /** This node's load changed (a session was admitted or left): other nodes may hear of it before the next report. */
    default void loadChanged() {
    }

    /**
     * Claims an id (Riffle's session id or the client's own) of the stream mounted at {@code path} for this node.
     *
     * @return false if another node holds it now
     */
    default boolean claim(String path, String id) {
        return true;
    }

    /** Gives an id back (without waiting for the shared store). */
    default void release(String path, String id) {
    }

    /**
     * The node that holds {@code id} of the stream at {@code path}: this node's own entry if it is here, another's,
     * or null if no live node holds it.
     *
     * @throws dev.riffle.stream.ApiError {@code queue_unavailable} when the shared store cannot be reached
     */
    default Node owner(String path, String id) {
        return null;
    }

    /**
     * A live node, not draining, that streams fewer sessions than this one (the fewest of all), or null if this
     * node is as good as any: where a new offer is best answered.
     */
    default Node lessLoaded() {
        return null;
    }

    /** The secret nodes show one another on forwarded requests, or null alone. */
    default String clusterKey() {
        return null;
    }

    /**
     * Where other nodes reach a server that listens on {@code host} (null, {@code 0.0.0.0} or {@code ::}: every
     * interface, so {@link #machineAddress()}) and {@code port}: {@code http://host:port}.
     */
    static URI nodeAddress(String host, int port) {
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = machineAddress();
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port);
    }

    /**
     * This machine's address for the other nodes when a server listens on every interface: the first IPv4 address of
     * an interface that is up and not a loopback (Debian maps the host name to 127.0.1.1, which other machines cannot
     * reach); failing that, the first other address of such an interface; failing that, 127.0.0.1.
     */
    static String machineAddress() {
        String other = null;
        try {
            for (java.net.NetworkInterface n : java.util.Collections.list(
                    java.net.NetworkInterface.getNetworkInterfaces())) {
                if (!n.isUp() || n.isLoopback()) {
                    continue;
                }
                for (java.net.InetAddress a : java.util.Collections.list(n.getInetAddresses())) {
                    if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
                        continue;
                    }
                    if (a instanceof java.net.Inet4Address) {
                        return a.getHostAddress();
                    }
                    if (other == null) {
                        other = "[" + a.getHostAddress().replaceAll("%.*$", "") + "]";
                    }
                }
            }
        } catch (java.net.SocketException e) {
            // none readable
        }
        return other != null ? other : "127.0.0.1";
    }
}
