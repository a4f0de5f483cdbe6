package dev.riffle.server;

import dev.riffle.server.engine.Engine;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.http.Pages;
import dev.riffle.server.http.StreamRoutes;
import dev.riffle.server.transport.websocket.SocketEndpoints;
import dev.riffle.server.transport.websocket.StreamSocket;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Streams mounted while the server runs, under {@link #BASE}{@code /<key>}: the streams a Vaadin view declares when it
 * is first shown. One servlet and one WebSocket endpoint serve them all (the servlet context cannot grow endpoints
 * once started); each stream keeps its own routes, queue group and sessions, as a stream mounted before start does.
 */
final class LiveStreams extends HttpServlet {
    /** Where live streams are mounted. */
    static final String BASE = "/riffle/streams";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,120}");

    private final transient Engine engine;
    /** the servlet context's path, as the browser requests the streams ("" at the root) */
    private final String contextPath;
    private final transient Map<String, Mounted> mounted = new ConcurrentHashMap<>();

    private final transient java.util.function.Consumer<Stream> prepare;
    /** told of each stream as it is mounted */
    private final transient java.util.function.Consumer<Stream> mountedListener;

    private record Mounted(Stream stream, StreamRoutes routes) {
    }

    LiveStreams(Engine engine, String contextPath, java.util.function.Consumer<Stream> mountedListener) {
        this(engine, contextPath, s -> { }, mountedListener);
    }

    /** @param prepare runs on each new stream before it is mounted (a host's defaults) */
    LiveStreams(Engine engine, String contextPath, java.util.function.Consumer<Stream> prepare,
            java.util.function.Consumer<Stream> mountedListener) {
        this.engine = engine;
        this.contextPath = contextPath;
        this.prepare = prepare;
        this.mountedListener = mountedListener;
    }

    /**
     * The stream mounted at {@code key}, mounting {@code create}'s first (at {@code BASE/key}) if there is none yet.
     *
     * @throws IllegalArgumentException if the key has characters other than letters, digits, '_', '.', '-'
     */
    Stream mount(String key, Supplier<Stream> create) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("A live stream key is 1-120 letters, digits, '_', '.' or '-', got '"
                    + key + "'");
        }
        boolean[] created = {false};
        Stream stream = mounted.computeIfAbsent(key, k -> {
            Stream s = create.get();
            prepare.accept(s);
            created[0] = true;
            return new Mounted(s, StreamRoutes.attach(s.runtime(), engine, contextPath + BASE + "/" + k,
                    contextPath + Pages.CLIENT_BASE));
        }).stream();
        if (created[0]) {
            mountedListener.accept(stream);
        }
        return stream;
    }

    /** The keys mounted so far, sorted. */
    java.util.List<String> keys() {
        return mounted.keySet().stream().sorted().toList();
    }

    Stream stream(String key) {
        Mounted m = key == null ? null : mounted.get(key);
        return m == null ? null : m.stream();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String info = req.getPathInfo() == null ? "/" : req.getPathInfo();
        int slash = info.indexOf('/', 1);
        String key = slash < 0 ? info.substring(1) : info.substring(1, slash);
        Mounted m = mounted.get(key);
        if (m == null) {
            StreamRoutes.writeError(resp, new ApiError(ErrorCode.UNKNOWN_STREAM, "No stream is mounted at " + BASE + "/"
                    + key + " (live streams are mounted when the view that declares them is first shown)"));
            return;
        }
        m.routes().serve(slash < 0 ? "/" : info.substring(slash), req, resp);
    }

    /**
     * The WebSocket endpoint of every live stream ({@code BASE/{key}/websocket}); {@code origins} as in
     * {@link SocketEndpoints#of} (null where the server checks origins before the upgrade).
     */
    ServerEndpointConfig endpoint(SocketEndpoints.OriginRule origins) {
        return SocketEndpoints.endpoint(Socket.class, BASE + "/{key}/websocket", () -> new Socket(this), origins);
    }

    /** Finds the stream of the connection's path and hands the connection to a {@link StreamSocket} of it. */
    public static final class Socket extends Endpoint {
        private final LiveStreams live;
        private StreamSocket delegate;

        Socket(LiveStreams live) {
            this.live = live;
        }

        @Override
        public void onOpen(Session ws, EndpointConfig config) {
            String key = ws.getPathParameters().get("key");
            Stream stream = live.stream(key);
            if (stream == null) {
                ws.getAsyncRemote().sendText(Wire.errorMessage(new ApiError(ErrorCode.UNKNOWN_STREAM,
                        "No stream is mounted at " + BASE + "/" + key)));
                try {
                    ws.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(ErrorCode.UNKNOWN_STREAM.closeCode()),
                            ErrorCode.UNKNOWN_STREAM.wire()));
                } catch (IOException e) {
                    // the connection is gone already
                }
                return;
            }
            delegate = new StreamSocket(stream.runtime());
            delegate.onOpen(ws, config);
        }

        @Override
        public void onClose(Session ws, CloseReason reason) {
            if (delegate != null) {
                delegate.onClose(ws, reason);
            }
        }

        @Override
        public void onError(Session ws, Throwable error) {
            if (delegate != null) {
                delegate.onError(ws, error);
            }
        }
    }
}
