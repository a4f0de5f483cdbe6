package dev.riffle.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.server.engine.Engine;
import dev.riffle.server.engine.SessionIds;
import dev.riffle.server.engine.StreamRuntime;
import dev.riffle.server.engine.StreamSession;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.queue.SessionDirectory;
import dev.riffle.server.queue.SessionQueue;
import dev.riffle.server.queue.Ticket;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import dev.riffle.stream.Protocol;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP routes of a mounted {@code Stream}, FastRTC's where it has them (path relative to the mount point):
 * <ul>
 * <li>{@code GET /} - a page to try the stream;</li>
 * <li>{@code POST /input_hook} - {@code {"webrtc_id": id, "inputs": [...]}} or, as FastRTC's demos post them, by
 * name {@code {"webrtc_id": id, "conf_threshold": 0.5}}: sets a session's additional inputs ({@code set_input});</li>
 * <li>{@code GET /updates?webrtc_id=id} - the session's additional outputs as server-sent events
 * ({@code output_stream}); {@code GET /outputs?webrtc_id=id} - the same with FastRTC's data (one output as
 * itself);</li>
 * <li>{@code GET /queue} - the concurrency group's load, and with {@code ?webrtc_id=} the session's place and
 * counters;</li>
 * <li>{@code POST /webrtc/offer} - {@code {"sdp", "type": "offer", "webrtc_id"}}: a WebRTC session, answered with
 * {@code {"sdp", "type": "answer", "session_id", "token"}}; {@code {"type": "ice-candidate", "webrtc_id",
 * "candidate"}} with the token trickles a candidate.</li>
 * </ul>
 * Session routes take Riffle's session id with the session's token ({@code Authorization: Bearer <token>}, or
 * {@code ?token=} where a browser's EventSource cannot set headers), or the client's own {@code webrtc_id} as
 * FastRTC's clients send it (see {@link StreamSession#authorizes}). Errors carry a real status and {@code {"error": {...}}}.
 */
public final class StreamRoutes extends HttpServlet {
    public static final int MAX_BODY = 64 * 1024;
    /** Output events an outputs-stream client may leave unread before it is cut off. */
    static final int SSE_BACKLOG = 256;
    /** How long an outputs stream stays silent before a comment line goes out. */
    static final java.time.Duration SSE_PING = java.time.Duration.ofSeconds(15);
    private static final long DRAIN_LIMIT = 1024 * 1024;

    /** Candidates of unknown sessions that may wait for their offer's node at once (each polls the directory). */
    static final int MAX_AWAITING = 64;

    private final StreamRuntime stream;
    private final byte[] pageHtml;
    private final java.util.concurrent.atomic.AtomicInteger awaiting = new java.util.concurrent.atomic.AtomicInteger();

    /** Mounts {@code stream} on {@code engine} at {@code path} and returns its routes, its own page included. */
    public static StreamRoutes attach(StreamRuntime stream, Engine engine, String path) {
        return attach(stream, engine, path, Pages.CLIENT_BASE);
    }

    /**
     * Mounts {@code stream} on {@code engine} at {@code path} - as the browser requests it, a servlet context's path
     * included - with its page loading the client from {@code clientBase}.
     */
    public static StreamRoutes attach(StreamRuntime stream, Engine engine, String path, String clientBase) {
        stream.attach(engine, path);
        return new StreamRoutes(stream, Pages.html(stream.ui(), Map.of(stream.uiEvent(), path), Map.of(), null,
                clientBase));
    }

    StreamRoutes(StreamRuntime stream, String pageHtml) {
        this.stream = stream;
        this.pageHtml = pageHtml.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req.getPathInfo() == null ? "/" : req.getPathInfo(), req, resp);
    }

    /** Answers {@code route} (the path below the stream's mount point). */
    public void serve(String route, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SessionDirectory directory = stream.engine().directory();
        if (directory.isShared()) {
            resp.setHeader(Forwarder.NODE, directory.node());
        }
        try {
            switch (route) {
                case "/" -> {
                    allow(req, "GET");
                    writeHtml(resp, pageHtml);
                }
                case "/input_hook" -> {
                    allow(req, "POST");
                    inputHook(req, resp);
                }
                case "/updates" -> {
                    allow(req, "GET");
                    updates(req, resp, false);
                }
                case "/outputs" -> {
                    allow(req, "GET");
                    updates(req, resp, true);
                }
                case "/queue" -> {
                    allow(req, "GET");
                    queue(req, resp);
                }
                case "/webrtc/ice" -> {
                    // what the browser's RTCPeerConnection should use: fresh TURN credentials each time
                    allow(req, "GET");
                    resp.setHeader("Cache-Control", "no-store");
                    writeJson(resp, 200, Map.of("iceServers", stream.engine().webrtc().iceServersForClient()));
                }
                case "/webrtc/offer" -> {
                    allow(req, "POST");
                    requireJson(req);
                    webrtc(req, resp, readJson(req));
                }
                default -> throw new ApiError(ErrorCode.NOT_FOUND, "No route " + route + " on stream '" + stream.name()
                        + "'; routes: /, /input_hook, /updates, /outputs, /queue, /webrtc/ice, /webrtc/offer, /websocket,"
                        + " /websocket/offer");
            }
        } catch (Elsewhere e) {
            try {
                Forwarder.forward(req, resp, directory, e.owner, stream.path() + route,
                        (byte[]) req.getAttribute(BODY), e.events, null);
            } catch (ApiError unreachable) {
                writeError(resp, unreachable);
            }
        } catch (ApiError e) {
            if (e.status() == 405) {
                resp.setHeader("Allow", String.valueOf(e.details().get("allow")));
            }
            writeError(resp, e);
        }
    }

    private static void allow(HttpServletRequest req, String method) {
        if (!method.equals(req.getMethod())) {
            throw new ApiError(ErrorCode.METHOD_NOT_ALLOWED, req.getMethod() + " is not allowed here; use " + method,
                    Map.of("allow", method));
        }
    }

    private void inputHook(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        requireJson(req);
        JsonNode body = readJson(req);
        if (!body.isObject() || !body.path("webrtc_id").isTextual()) {
            throw ApiError.badRequest("The body must be {\"webrtc_id\": \"<session id>\", \"inputs\": [...]}");
        }
        StreamSession session = authorized(req, body.get("webrtc_id").asText(), false);
        JsonNode inputs = body.get("inputs");
        if (inputs != null) {
            if (!inputs.isArray()) {
                throw ApiError.badRequest("\"inputs\" must be a JSON array with one value per additional input");
            }
            session.setInputs(stream.checkInputs(Wire.values(inputs)));
        } else {
            // FastRTC's demos post their inputs by name: {"webrtc_id": id, "conf_threshold": 0.5}
            session.setInputs(stream.namedInputs(body, session.inputs()));
        }
        writeJson(resp, 200, Map.of("ok", true, "status", "ok"));
    }

    /**
     * The session's additional outputs as server-sent events {@code output}. On {@code /updates} each event's data is
     * the JSON array of the visible outputs; on {@code /outputs} (FastRTC's name) it is the single output itself when
     * the stream has one, as FastRTC's demos send {@code output.args[0]}.
     */
    private void updates(HttpServletRequest req, HttpServletResponse resp, boolean fastRtc) throws IOException {
        StreamSession session = authorized(req, req.getParameter("webrtc_id"), true);
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("utf-8");
        resp.setHeader("Cache-Control", "no-cache");
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        ServletOutputStream out = resp.getOutputStream();
        out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        // events wait in a small queue for this client's own writer (a virtual thread): the handler threads that put
        // them out never wait for the client; a client that falls SSE_BACKLOG events behind is cut off
        java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.ArrayBlockingQueue<>(SSE_BACKLOG);
        String end = "";
        java.util.concurrent.atomic.AtomicReference<Runnable> cancel = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);
        Thread writer = Thread.ofVirtual().name("riffle-sse").start(() -> {
            try {
                for (String event = nextEvent(events); !event.isEmpty(); event = nextEvent(events)) {
                    out.write(event.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException | IllegalStateException | InterruptedException gone) {
                // the client left, or fell behind
            } finally {
                boolean interrupted = Thread.interrupted();
                while (subscribed.getCount() > 0) { // the subscription exists before it is cancelled
                    try {
                        subscribed.await();
                    } catch (InterruptedException again) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                if (cancel.get() != null) {
                    cancel.get().run();
                }
                try {
                    async.complete();
                } catch (IllegalStateException done) {
                    // completed already
                }
            }
        });
        cancel.set(session.subscribe(new StreamSession.Subscriber() {
            @Override
            public void outputs(AdditionalOutputs outputs) {
                send("output", Wire.write(fastRtc && outputs.values().size() == 1 ? outputs.values().get(0)
                        : outputs.values()));
            }

            @Override
            public void closed(String code, String message) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", code);
                m.put("message", message);
                send(Protocol.Type.CLOSED, Wire.write(m));
                if (!events.offer(end)) {
                    writer.interrupt();
                }
            }

            private void send(String event, String data) {
                if (!events.offer("event: " + event + "\ndata: " + data + "\n\n")) {
                    writer.interrupt(); // too far behind
                }
            }
        }));
        subscribed.countDown();
    }

    /**
     * The next event to write, or a comment line after {@link #SSE_PING} without one: a client that left is noticed
     * by the failed write, and proxies and forwarding nodes see the stream alive.
     */
    private static String nextEvent(java.util.concurrent.BlockingQueue<String> events) throws InterruptedException {
        String event = events.poll(SSE_PING.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return event != null ? event : ": ping\n\n";
    }

    private void queue(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (stream.engine().isDraining() && req.getParameter("webrtc_id") == null) {
            // a load balancer's health check: send no new sessions here
            throw new ApiError(ErrorCode.SERVER_STOPPING, "This server is draining and takes no new sessions");
        }
        SessionQueue queue = stream.engine().queue();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stream", stream.name());
        m.put("concurrency_id", stream.concurrencyId());
        m.put("concurrency_limit", stream.options().concurrencyLimit());
        m.put("time_limit", Wire.seconds(stream.options().timeLimit()));
        m.put("admitted", queue.admittedCount(stream.concurrencyId()));
        m.put("waiting", queue.waitingCount(stream.concurrencyId()));
        String id = req.getParameter("webrtc_id");
        if (id != null) {
            StreamSession session = authorized(req, id, false);
            Ticket t = queue.ticket(session.id()); // as of now: the ETA and the time left count down
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("state", t == null ? "starting" : t.state().name().toLowerCase());
            s.put("position", t == null ? 0 : t.position());
            s.put("eta", t == null ? null : Wire.seconds(t.eta()));
            s.put("remaining", t == null ? null : Wire.seconds(t.remaining()));
            s.putAll(session.stats());
            m.put("session", s);
        }
        writeJson(resp, 200, m);
    }

    /**
     * The session with this id, if the request shows its token; {@link Elsewhere} if another node serves it.
     *
     * @param events whether the route answers with an event stream
     */
    private StreamSession authorized(HttpServletRequest req, String sessionId, boolean events) {
        if (sessionId == null || sessionId.isEmpty()) {
            throw ApiError.badRequest("Name the session: webrtc_id");
        }
        StreamSession session;
        try {
            session = stream.session(sessionId);
        } catch (ApiError unknown) {
            SessionDirectory.Node owner = ownerElsewhere(req, sessionId);
            if (owner != null) {
                throw new Elsewhere(owner, events);
            }
            throw unknown;
        }
        if (!session.authorizes(bearer(req), sessionId, clientAddress(req))) {
            throw ApiError.forbidden();
        }
        return session;
    }

    /** The other node that serves the session named {@code id}, or null (this node's, unknown, or forwarded here). */
    private SessionDirectory.Node ownerElsewhere(HttpServletRequest req, String id) {
        SessionDirectory directory = stream.engine().directory();
        if (!directory.isShared() || Forwarder.isForwarded(req, directory) || !SessionIds.isClientId(id)) {
            return null;
        }
        SessionDirectory.Node owner = directory.owner(stream.path(), id);
        return owner == null || owner.id().equals(directory.node()) ? null : owner;
    }

    /**
     * {@code /webrtc/offer}: an offer is answered here, or by a less loaded node (or any other while this one
     * drains) when the deployment has one; a trickled candidate goes to the node that took its offer. A candidate
     * that arrives before any node has its offer - FastRTC's client posts them alongside the offer, and a load
     * balancer may send the two to different nodes - waits a moment for the offer's node to claim it.
     */
    private void webrtc(HttpServletRequest req, HttpServletResponse resp, JsonNode body) throws IOException {
        SessionDirectory directory = stream.engine().directory();
        String type = body.path("type").asText("");
        String id = body.path("webrtc_id").asText(null);
        boolean local = !directory.isShared() || Forwarder.isForwarded(req, directory)
                || !SessionIds.isClientId(id);
        if (!local && (type.equals(Protocol.Type.ICE_CANDIDATE) || body.has("candidate"))) {
            if (!stream.hasSessionOfClient(id)) {
                SessionDirectory.Node owner = directory.owner(stream.path(), id);
                if (owner == null) {
                    if (awaiting.incrementAndGet() <= MAX_AWAITING) {
                        awaitOwner(req, resp, body, id);
                        return;
                    }
                    awaiting.decrementAndGet(); // too many wait already: kept here at once, as alone
                } else if (!owner.id().equals(directory.node())) {
                    throw new Elsewhere(owner, false);
                }
            }
        } else if (!local && type.equals(Protocol.Type.OFFER)) {
            SessionDirectory.Node better = directory.lessLoaded();
            if (better != null) {
                Forwarder.forward(req, resp, directory, better, stream.path() + "/webrtc/offer",
                        (byte[]) req.getAttribute(BODY), false, (rq, rs) -> answerHere(rq, rs, body));
                return;
            }
        }
        post(req, resp, body);
    }

    /** A candidate no node has claimed yet: asks again every 50 ms for a second, then keeps it here. */
    private void awaitOwner(HttpServletRequest req, HttpServletResponse resp, JsonNode body, String id) {
        SessionDirectory directory = stream.engine().directory();
        Runnable wait = () -> {
            SessionDirectory.Node owner = null;
            try {
                for (int i = 0; i < 20 && owner == null && !stream.hasSessionOfClient(id); i++) {
                    Thread.sleep(50); // polling the shared store: no event tells this node of another's claim
                    owner = directory.owner(stream.path(), id);
                }
                if (owner != null && !owner.id().equals(directory.node())) {
                    Forwarder.forward(req, resp, directory, owner, stream.path() + "/webrtc/offer",
                            (byte[]) req.getAttribute(BODY), false, null);
                } else {
                    answerHere(req, resp, body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                writeErrorQuietly(resp, new ApiError(ErrorCode.SERVER_STOPPING, "The server is stopping."));
            } catch (ApiError e) {
                writeErrorQuietly(resp, e);
            } catch (RuntimeException e) {
                writeErrorQuietly(resp, new ApiError(ErrorCode.TRANSPORT_ERROR, "The candidate could not be"
                        + " handled: " + e));
            } finally {
                awaiting.decrementAndGet();
            }
        };
        try {
            Forwarder.detached(req, "riffle-candidate", wait);
        } catch (IllegalStateException | UnsupportedOperationException notAsync) {
            awaiting.decrementAndGet();
            answerHere(req, resp, body); // a filter in front does not allow async requests: kept here at once
        }
    }

    /** Answers an offer or candidate on this node, errors included (for a forward that fell back). */
    private void answerHere(HttpServletRequest req, HttpServletResponse resp, JsonNode body) {
        try {
            post(req, resp, body);
        } catch (ApiError e) {
            writeErrorQuietly(resp, e);
        } catch (IOException gone) {
            // the client left
        }
    }

    /** Hands an offer or a candidate to the WebRTC transport; an offer claims its id for this node first. */
    private void post(HttpServletRequest req, HttpServletResponse resp, JsonNode body) throws IOException {
        SessionDirectory directory = stream.engine().directory();
        String id = body.path("webrtc_id").asText(null);
        boolean claim = directory.isShared() && body.path("type").asText("").equals(Protocol.Type.OFFER)
                && SessionIds.isClientId(id) && !stream.hasSessionOfClient(id);
        try {
            if (claim && !directory.claim(stream.path(), id)) {
                throw new ApiError(ErrorCode.CONNECTION_ALREADY_EXISTS, "A connection with webrtc_id '" + id
                        + "' is already open on another node", Map.of("webrtc_id", id));
            }
            writeJson(resp, 200, stream.engine().webrtc().post(stream, body, bearer(req), clientAddress(req)));
        } catch (RuntimeException e) {
            if (claim && !stream.hasSessionOfClient(id)) {
                directory.release(stream.path(), id); // a claim that failed on the way is not left behind
            }
            throw e;
        }
    }

    private String clientAddress(HttpServletRequest req) {
        return Forwarder.clientAddress(req, stream.engine().directory());
    }

    private static void writeErrorQuietly(HttpServletResponse resp, ApiError e) {
        try {
            writeError(resp, e);
        } catch (IOException gone) {
            // the client left
        }
    }

    /** A request about a session another node serves: forwarded there. */
    private static final class Elsewhere extends RuntimeException {
        final transient SessionDirectory.Node owner;
        final boolean events;

        Elsewhere(SessionDirectory.Node owner, boolean events) {
            super(null, null, false, false);
            this.owner = owner;
            this.events = events;
        }
    }

    /** The token of {@code Authorization: Bearer <token>}, else of {@code ?token=}; null if neither. */
    private static String bearer(HttpServletRequest req) {
        String header = req.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : req.getParameter("token");
    }

    private static void requireJson(HttpServletRequest req) {
        String type = req.getContentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
        }
    }

    /** The request attribute that keeps a body once read (a forwarded request sends it on). */
    private static final String BODY = "dev.riffle.body";

    private static JsonNode readJson(HttpServletRequest req) throws IOException {
        long declared = req.getContentLengthLong();
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            if (declared > MAX_BODY) {
                drain(in, declared);
                throw tooLarge();
            }
            body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                drain(in, DRAIN_LIMIT);
                throw tooLarge();
            }
        }
        req.setAttribute(BODY, body);
        try {
            JsonNode node = Wire.JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badJson("the body is empty");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiError.badJson(e.getOriginalMessage());
        }
    }

    /**
     * Reads and drops a refused body of moderate size, so the client - still sending - gets the 413 instead of a
     * reset connection; a body over {@link #DRAIN_LIMIT} is not read and the connection closes.
     */
    private static void drain(InputStream in, long declared) throws IOException {
        if (declared > DRAIN_LIMIT) {
            return;
        }
        byte[] sink = new byte[8192];
        long left = DRAIN_LIMIT;
        int n;
        while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
            left -= n;
        }
    }

    private static ApiError tooLarge() {
        return new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "The body is larger than " + MAX_BODY + " bytes",
                Map.of("max_bytes", MAX_BODY));
    }

    public static void writeError(HttpServletResponse resp, ApiError e) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        writeJson(resp, e.status(), e.body());
    }

    /** Writes a page that browsers re-check on every visit. */
    public static void writeHtml(HttpServletResponse resp, byte[] html) throws IOException {
        resp.setContentType("text/html; charset=utf-8");
        resp.setHeader("Cache-Control", "no-cache");
        resp.getOutputStream().write(html);
    }

    static void writeJson(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("utf-8");
        resp.getOutputStream().write(Wire.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
