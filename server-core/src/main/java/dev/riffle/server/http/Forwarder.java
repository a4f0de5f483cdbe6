package dev.riffle.server.http;

import dev.riffle.server.queue.SessionDirectory;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Sends a request about a session to the node that serves it, and its answer back: a request for another node's
 * session ({@code /input_hook}, {@code /updates}, {@code /outputs}, {@code /queue?webrtc_id=}, a trickled candidate)
 * or an offer better answered by a less loaded node. The owner answers as if the client had asked it: its status,
 * its body, its events as they come. The forwarded request says which node sent it ({@value #FORWARDED_BY}; a node
 * never forwards a forwarded request again) and, with the cluster's key, the client's address (a FastRTC client's
 * {@code webrtc_id} is bound to it).
 *
 * <p>Each forwarded request has a virtual thread of its own for the two sockets; container threads never wait on
 * another node, and a slow client or node holds only its own request.
 */
final class Forwarder {
    static final String FORWARDED_BY = "Riffle-Forwarded-By";
    static final String CLIENT_ADDRESS = "Riffle-Client-Address";
    static final String CLUSTER_KEY = "Riffle-Cluster-Key";
    /** Names the node that answered, on every route of a shared deployment. */
    static final String NODE = "Riffle-Node";
    /** Origin stays behind: the first node checked it against its allowed origins (the owner's Host differs). */
    private static final String[] REQUEST_HEADERS = {"Authorization", "Content-Type", "Accept"};
    private static final String[] RESPONSE_HEADERS = {"Content-Type", "Cache-Control", "Allow", NODE};
    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration ANSWER = Duration.ofSeconds(20);
    /**
     * An owner's event stream silent this long (three missed pings) is taken for gone; the system property
     * {@code riffle.forward.silence} (an ISO-8601 duration) shortens it for tests.
     */
    static final Duration SILENCE = StreamRoutes.SSE_PING.multipliedBy(3);

    private static volatile HttpClient client;

    private Forwarder() {
    }

    /** Whether another node of the cluster sent this request (it shows the cluster's key): never forwarded again. */
    static boolean isForwarded(HttpServletRequest req, SessionDirectory directory) {
        return req.getHeader(FORWARDED_BY) != null && hasKey(req, directory);
    }

    private static boolean hasKey(HttpServletRequest req, SessionDirectory directory) {
        String key = req.getHeader(CLUSTER_KEY);
        String mine = directory.clusterKey();
        return key != null && mine != null && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                mine.getBytes(StandardCharsets.UTF_8));
    }

    /** The client's address: the one a node of the cluster forwarded, else the request's own. */
    static String clientAddress(HttpServletRequest req, SessionDirectory directory) {
        String forwarded = req.getHeader(CLIENT_ADDRESS);
        return forwarded != null && hasKey(req, directory) ? forwarded : req.getRemoteAddr();
    }

    /**
     * This node's address as the request reached it: {@code http://<local address>:<local port>} (plain HTTP: the
     * request's scheme may be a balancer's, forwarded; a node that only speaks TLS names its address itself).
     */
    static URI localAddress(HttpServletRequest req) {
        String host = req.getLocalAddr();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + req.getLocalPort());
    }

    /**
     * Forwards the request to {@code owner} and writes its answer, {@link #detached} from the container's thread.
     *
     * @param path the route's path as the browser requests it (the stream's mount path and the route - chosen by
     *     this server, never the request's raw URI, so a client cannot aim a forward at another host)
     * @param body the request's body as read already, or null
     * @param events whether the answer is an event stream (flushed as it comes, with no time limit)
     * @param fallback run instead (on the same thread) when the owner cannot be connected to; null to answer 502
     */
    static void forward(HttpServletRequest req, HttpServletResponse resp, SessionDirectory directory,
            SessionDirectory.Node owner, String path, byte[] body, boolean events, Fallback fallback) {
        if (owner.address() == null) {
            if (fallback != null) {
                fallback.run(req, resp);
                return;
            }
            throw unreachable(owner, "it has not said where it is reached");
        }
        URI target = target(owner.address(), path, req.getQueryString());
        String address = clientAddress(req, directory);
        Runnable exchange = () -> {
            try {
                relay(req, resp, directory, target, address, body, events);
            } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
                // the owner never saw the request: this node may answer it after all
                if (fallback != null && !resp.isCommitted()) {
                    resp.reset();
                    fallback.run(req, resp);
                } else {
                    write(resp, unreachable(owner, e.toString()));
                }
            } catch (IOException | RuntimeException e) {
                write(resp, unreachable(owner, e.toString())); // the owner may have acted on it: no second try
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                write(resp, unreachable(owner, "interrupted"));
            }
        };
        detached(req, "riffle-forward", exchange);
    }

    /**
     * Runs {@code work} on a virtual thread of its own with the request in async mode, and completes the request
     * after it; a request in async mode already runs it on the caller's thread (its caller completes it).
     *
     * @throws IllegalStateException if a filter in front does not allow async requests
     */
    static void detached(HttpServletRequest req, String name, Runnable work) {
        if (req.isAsyncStarted()) {
            work.run();
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        Thread.ofVirtual().name(name).start(() -> {
            try {
                work.run();
            } finally {
                try {
                    async.complete();
                } catch (IllegalStateException done) {
                    // completed already
                }
            }
        });
    }

    /** {@code address} + {@code path} + the query; its host and port are the owner's whatever the query holds. */
    static URI target(URI address, String path, String query) {
        URI target;
        try {
            target = URI.create(address.getScheme() + "://" + address.getRawAuthority() + path
                    + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException malformed) {
            throw ApiError.badRequest("The query cannot be passed on: " + malformed.getMessage());
        }
        if (!address.getRawAuthority().equals(target.getRawAuthority())) {
            throw ApiError.badRequest("The query cannot be passed on");
        }
        return target;
    }

    private static void relay(HttpServletRequest req, HttpServletResponse resp, SessionDirectory directory,
            URI target, String address, byte[] body, boolean events) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(target).method(req.getMethod(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : REQUEST_HEADERS) {
            String v = req.getHeader(h);
            if (v != null) {
                b.header(h, v);
            }
        }
        b.header(FORWARDED_BY, directory.node()).header(CLIENT_ADDRESS, address)
                .header(CLUSTER_KEY, directory.clusterKey());
        if (!events) {
            b.timeout(ANSWER);
        }
        HttpResponse<InputStream> answer = client().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        java.util.concurrent.atomic.AtomicLong heard = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        Thread watch = null;
        try (InputStream in = answer.body()) {
            if (events) {
                watch = watch(in, heard);
            }
            resp.setStatus(answer.statusCode());
            for (String h : RESPONSE_HEADERS) {
                answer.headers().firstValue(h).ifPresent(v -> resp.setHeader(h, v));
            }
            ServletOutputStream out = resp.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                heard.set(System.nanoTime());
                out.write(buffer, 0, n);
                if (events) {
                    out.flush();
                }
            }
        } finally {
            if (watch != null) {
                watch.interrupt();
            }
        }
    }

    /**
     * Closes an event stream from the owner that has been silent for {@link #SILENCE} (the owner writes a comment
     * line every {@link StreamRoutes#SSE_PING}): its host is gone without a word, and the relay ends.
     */
    private static Thread watch(InputStream in, java.util.concurrent.atomic.AtomicLong heard) {
        String configured = System.getProperty("riffle.forward.silence");
        Duration silence = configured == null ? SILENCE : Duration.parse(configured);
        return Thread.ofVirtual().name("riffle-forward-watch").start(() -> {
            try {
                while (System.nanoTime() - heard.get() < silence.toNanos()) {
                    Thread.sleep(silence.toMillis() / 3); // a watchdog's period: silence is the event it looks for
                }
                in.close();
            } catch (InterruptedException | IOException ended) {
                // the relay ended first
            }
        });
    }

    /** Writes {@code e} unless part of the owner's answer went out already (then the client sees it cut). */
    private static void write(HttpServletResponse resp, ApiError e) {
        if (resp.isCommitted()) {
            return;
        }
        try {
            resp.reset(); // nothing the owner began may precede the error
            StreamRoutes.writeError(resp, e);
        } catch (IOException | IllegalStateException gone) {
            // the client left
        }
    }

    private static ApiError unreachable(SessionDirectory.Node owner, String why) {
        return new ApiError(ErrorCode.NODE_UNREACHABLE, "The session is served by node '" + owner.id()
                + "', which cannot be reached from here (" + why + "); try again in a moment.");
    }

    private static HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (Forwarder.class) {
                if (client == null) {
                    // HTTP/1.1: no h2c upgrade attempt that a node's container may or may not take
                    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT)
                            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
                }
                c = client;
            }
        }
        return c;
    }

    /** What a request does when its forward fails: answer here instead. */
    @FunctionalInterface
    interface Fallback {
        void run(HttpServletRequest req, HttpServletResponse resp);
    }
}
