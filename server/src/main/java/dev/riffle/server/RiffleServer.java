package dev.riffle.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.LiteApp;
import dev.riffle.blocks.LiteExporter;
import dev.riffle.server.engine.Engine;
import dev.riffle.server.queue.QueueBackend;
import dev.riffle.server.http.MountPath;
import dev.riffle.server.http.OriginCheck;
import dev.riffle.server.http.Origins;
import dev.riffle.server.http.Pages;
import dev.riffle.server.http.StreamRoutes;
import dev.riffle.server.transport.webrtc.NativeRelease;
import dev.riffle.server.transport.webrtc.WebRtcOptions;
import dev.riffle.server.transport.webrtc.WebRtcProvider;
import dev.riffle.server.transport.websocket.SocketEndpoints;
import dev.riffle.server.transport.websocket.StreamSocket;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.eclipse.jetty.ee11.servlet.DefaultServlet;
import org.eclipse.jetty.ee11.servlet.ResourceServlet;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * An embedded Jetty 12.1 (EE11) server for streams, FastRTC's {@code stream.mount(app)}: mount {@link Stream}s and
 * {@link Blocks} apps on paths, and it serves their pages, the WebSocket transport, the HTTP routes, the browser
 * client (every jar's {@code META-INF/resources}) and, optionally, folders such as exported Lite pages.
 *
 * <pre>{@code
 * try (RiffleServer server = RiffleServer.create().port(8080)
 *         .mount("/flip", Stream.video(Filters.FLIP).timeLimit(Duration.ofSeconds(30)).build())
 *         .start()) {
 *     System.out.println(server.uri().resolve("/flip/"));
 *     server.join();
 * }
 * }</pre>
 *
 * Binds to 127.0.0.1 unless told otherwise: a loopback page is a secure context, so the camera works without TLS.
 * {@link #context()} is a plain servlet context for further servlets (a Vaadin app, your own routes).
 */
public final class RiffleServer implements StreamHost, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RiffleServer.class);

    /** Where the browser client is served from. */
    public static final String CLIENT_BASE = Pages.CLIENT_BASE;

    private final Server jetty = new Server();
    private final ServerConnector connector = new ServerConnector(jetty);
    private final ServletContextHandler context;
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private WebRtcOptions webrtcOptions = WebRtcOptions.defaults();
    private final List<ServerEndpointConfig> endpoints = new ArrayList<>();
    private int maxQueueSize = 100;
    private boolean forwardedHeaders;
    private QueueBackend queueBackend = QueueBackend.inProcess();
    private final java.util.Set<String> allowedOrigins = new java.util.LinkedHashSet<>();
    private Duration heartbeatTimeout = Duration.ofSeconds(15);
    private Engine engine;
    private LiveStreams live;
    private final StreamListeners streamListeners = new StreamListeners();

    private final ConcurrentLinkedDeque<AutoCloseable> owned = new ConcurrentLinkedDeque<>();

    private RiffleServer(ServletContextHandler context) {
        this.context = context;
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        context.setContextPath("/");
        context.setAttribute(RiffleServer.class.getName(), this);
        context.setAttribute(StreamHost.ATTRIBUTE, this);
    }

    /** A server on 127.0.0.1 and a free port, with nothing mounted yet. */
    public static RiffleServer create() {
        return new RiffleServer(new ServletContextHandler(ServletContextHandler.NO_SESSIONS));
    }

    /**
     * A server whose streams, pages and client files live in {@code context} (at {@code /}): a web application
     * context that runs a framework next to them (vaadin-ui's server puts Vaadin there).
     */
    public static RiffleServer create(ServletContextHandler context) {
        return new RiffleServer(Objects.requireNonNull(context, "context"));
    }

    /** The server that {@code servletContext} belongs to, or {@code null} if it is not a Riffle server's. */
    public static RiffleServer of(jakarta.servlet.ServletContext servletContext) {
        return servletContext.getAttribute(RiffleServer.class.getName()) instanceof RiffleServer s ? s : null;
    }

    /**
     * Origins whose pages may open sessions here besides the server's own (WebSocket upgrades and POSTs from other
     * origins get a 403 {@code origin_not_allowed}): e.g. {@code "https://app.example"}; {@code "*"} allows any.
     * Default: only the server's own pages (and programs, which send no {@code Origin}).
     */
    public RiffleServer allowedOrigins(String... origins) {
        beforeStart();
        for (String o : origins) {
            allowedOrigins.add(Origins.normalize(o));
        }
        return this;
    }

    /** How WebRTC peers connect (ICE servers, announced address, ports); {@link WebRtcOptions#defaults()} unless set. */
    public RiffleServer webrtc(WebRtcOptions options) {
        beforeStart();
        this.webrtcOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /** WebRTC peer connections not yet released (every close releases its natives; for leak checks). */
    public int openPeerConnections() {
        return engine == null || engine.webrtc() == null ? 0 : engine.webrtc().openConnections();
    }

    /**
     * Closed peer connections whose native object was freed when the server released it, in this JVM since start-up
     * (webrtc-java 0.14 alone never frees them). Stays 0 with {@code -Driffle.webrtc.freeClosed=false} or where the
     * foreign function API is unavailable (see {@code NativeRelease}). For leak checks.
     */
    public static long freedPeerConnections() {
        return NativeRelease.freed();
    }

    /**
     * Trusts the {@code X-Forwarded-*} and {@code Forwarded} headers of a load balancer or proxy in front (Jetty's
     * {@code ForwardedRequestCustomizer}): the client's address, and the scheme, host and port the browser used - so
     * a page served over HTTPS by a balancer that ends TLS counts as this server's own page, and a FastRTC client's
     * {@code webrtc_id} is bound to its own address rather than the balancer's. Only behind a proxy that sets them:
     * a client reaching the server directly could forge them. Off by default.
     */
    public RiffleServer forwardedHeaders(boolean trusted) {
        this.forwardedHeaders = trusted;
        return this;
    }

    /** The interface to bind, e.g. {@code 0.0.0.0} to serve other machines. Default 127.0.0.1. */
    public RiffleServer host(String host) {
        connector.setHost(host);
        return this;
    }

    /** The port; 0 (the default) picks a free one. */
    public RiffleServer port(int port) {
        connector.setPort(port);
        return this;
    }

    /**
     * Where the queue lives: {@link QueueBackend#inProcess()} (the default, one node) or a queue shared by several
     * nodes serving the same streams ({@code riffle-redis}'s {@code RedisQueues}): one concurrency limit and one line
     * across them.
     */
    public RiffleServer queue(QueueBackend backend) {
        beforeStart();
        this.queueBackend = java.util.Objects.requireNonNull(backend, "backend");
        return this;
    }

    /** Sessions that may wait in one concurrency group's line before further ones are refused. Default 100. */
    public RiffleServer maxQueueSize(int size) {
        beforeStart();
        this.maxQueueSize = size;
        return this;
    }

    /** A session that sends nothing for longer loses its place or slot. Default 15 s (clients beat every 2 s). */
    public RiffleServer heartbeatTimeout(Duration timeout) {
        beforeStart();
        this.heartbeatTimeout = timeout;
        return this;
    }

    /**
     * Mounts a stream at {@code path} ({@code /name}): its page at {@code path/}, its WebSocket at
     * {@code path/websocket}, and its HTTP routes.
     *
     * @throws IllegalStateException after {@link #start()} or if the path is taken
     */
    public RiffleServer mount(String path, Stream stream) {
        beforeStart();
        String p = MountPath.normalize(path);
        if (streams.containsKey(p)) {
            throw new IllegalStateException("A stream is already mounted at " + p);
        }
        streams.put(p, stream);
        return this;
    }

    /**
     * Mounts a stream while the server runs, at {@code /riffle/streams/<key>}, unless one is mounted at that key
     * already: then that one is returned and {@code create} is not called. This is how a Vaadin view's stream, declared
     * when the view is first shown, joins the engine; every view that declares the same key shares its queue.
     *
     * @throws IllegalStateException before {@link #start()}
     * @throws IllegalArgumentException if the key has characters other than letters, digits, '_', '.', '-'
     */
    @Override
    public Stream mountLive(String key, java.util.function.Supplier<Stream> create) {
        if (live == null) {
            throw new IllegalStateException("Live streams are mounted once the server runs; use mount() before start()");
        }
        return live.mount(key, create);
    }

    @Override
    public void onStream(java.util.function.Consumer<Stream> listener) {
        streamListeners.add(listener);
    }

    /**
     * Serves a Blocks app at {@code path/}: its stream events with placement SERVER run here (mounted at
     * {@code path/streams/<n>}), those with LITE in the browser from Riffle's built-in Wasm bundle, those with AUTO
     * in the browser when it can load the bundle and here when it cannot. An AUTO stream whose handler is not in the
     * built-in bundle runs here; serve a project's own handlers with {@link #liteApp(String, LiteApp)}.
     *
     * @throws IllegalArgumentException if a LITE stream's handler has no Wasm build in the built-in bundle
     */
    public RiffleServer app(String path, Blocks app) {
        beforeStart();
        return serve(AppPage.of(path, "", app));
    }

    /**
     * Serves a project's {@link LiteApp} at {@code path/} as {@link #app(String, Blocks)} serves its page, with the
     * app's own Wasm bundle - the one riffle-maven-plugin put among the app's classes
     * ({@link LiteExporter#bundleResource}) - at {@code path/bundle.wasm}. Without that bundle on the class path its
     * AUTO streams run on this server (a warning says so).
     *
     * @throws IllegalArgumentException if the app fails {@link LiteExporter#check}, or a LITE stream has no bundle
     */
    public RiffleServer liteApp(String path, LiteApp app) {
        beforeStart();
        return serve(AppPage.of(path, "", app));
    }

    private RiffleServer serve(AppPage page) {
        page.streams().forEach(this::mount);
        if (page.bundle() != null) {
            context.addServlet(new ServletHolder(FixedServlet.wasm(page.bundle())), page.bundlePath());
        }
        context.addServlet(new ServletHolder(FixedServlet.folderPage(page.html())), page.path() + "/*");
        return this;
    }

    /** Serves the files of {@code dir} under {@code path/} (e.g. exported Lite pages). */
    public RiffleServer directory(String path, Path dir) {
        beforeStart();
        String p = MountPath.normalize(path);
        ServletHolder holder = new ServletHolder("dir" + p.replace('/', '-'), DefaultServlet.class);
        holder.setInitParameter("baseResource", dir.toAbsolutePath().toUri().toString());
        holder.setInitParameter("pathInfoOnly", "true");
        holder.setInitParameter("dirAllowed", "false");
        context.addServlet(holder, p.isEmpty() ? "/*" : p + "/*");
        return this;
    }

    /** Serves a fixed HTML page at exactly {@code path} (e.g. {@code /} for an index). */
    public RiffleServer page(String path, String html) {
        beforeStart();
        String p = path.equals("/") ? "" : MountPath.normalize(path);
        context.addServlet(new ServletHolder(FixedServlet.page(html)), p);
        return this;
    }

    /** The servlet context everything is mounted in, to add servlets of your own before {@link #start()}. */
    public ServletContextHandler context() {
        return context;
    }

    /** Starts serving. */
    public RiffleServer start() {
        beforeStart();
        engine = new Engine(maxQueueSize, heartbeatTimeout, queueBackend);
        engine.webrtc(WebRtcProvider.load(engine, webrtcOptions, connector.getHost()));
        live = new LiveStreams(engine, "", streamListeners::mounted);
        context.addServlet(new ServletHolder(live), LiveStreams.BASE + "/*");
        endpoints.add(live.endpoint(null));
        for (Map.Entry<String, Stream> e : streams.entrySet()) {
            String path = e.getKey();
            Stream stream = e.getValue();
            context.addServlet(new ServletHolder(StreamRoutes.attach(stream.runtime(), engine, path)), path + "/*");
            streamListeners.mounted(stream);
            // origins are checked before the upgrade here (OriginCheck wraps the whole server)
            endpoints.addAll(SocketEndpoints.of(stream.runtime(), path, null));
        }
        context.setBaseResource(clientResources());
        ServletHolder files = new ServletHolder("default", DefaultServlet.class);
        files.setInitParameter("dirAllowed", "false");
        context.addServlet(files, "/");
        // the client's files, also where a framework takes every other path (Vaadin maps /*)
        ServletHolder client = new ServletHolder("riffle-client", ResourceServlet.class);
        client.setInitParameter("dirAllowed", "false");
        client.setInitParameter("pathInfoOnly", "false");
        context.addServlet(client, CLIENT_BASE + "*");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(StreamSocket.MAX_TEXT);
            for (ServerEndpointConfig config : endpoints) {
                container.addEndpoint(config);
            }
        });
        jetty.setHandler(new OriginCheck(context, java.util.Set.copyOf(allowedOrigins)));
        // no version in the Server header or in error pages
        for (org.eclipse.jetty.server.ConnectionFactory f : connector.getConnectionFactories()) {
            if (f instanceof org.eclipse.jetty.server.HttpConnectionFactory http) {
                http.getHttpConfiguration().setSendServerVersion(false);
                if (forwardedHeaders) {
                    http.getHttpConfiguration().addCustomizer(new org.eclipse.jetty.server.ForwardedRequestCustomizer());
                }
            }
        }
        context.setErrorHandler(new org.eclipse.jetty.ee11.servlet.ErrorHandler() {
            @Override
            protected void writeErrorHtmlBody(org.eclipse.jetty.server.Request request, java.io.Writer writer,
                    int code, String message, Throwable cause) throws java.io.IOException {
                writeErrorHtmlMessage(request, writer, code, message, null, null);
            }
        });
        try {
            jetty.start();
        } catch (Exception e) {
            engine.close();
            throw new IllegalStateException("The server could not start on " + connector.getHost() + ":"
                    + connector.getPort() + ": " + e.getMessage(), e);
        }
        if (!engine.directory().isAdvertised()) {
            engine.directory().advertise(dev.riffle.server.queue.SessionDirectory.nodeAddress(connector.getHost(),
                    port()));
        }
        return this;
    }

    /** The port it listens on (after {@link #start()}). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port/}. */
    public URI uri() {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1"
                : connector.getHost();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Live stream sessions of all mounted streams. */
    public int sessionCount() {
        return engine == null ? 0 : engine.sessionCount();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /**
     * Closes {@code resource} (a loaded model, say) when the server closes, after every session has ended; in
     * reverse order of registration.
     */
    public RiffleServer closeWith(AutoCloseable resource) {
        owned.addFirst(resource);
        return this;
    }

    /**
     * Stops this node gracefully, e.g. on SIGTERM before a deploy: admits no new sessions (a start answers 503
     * {@code server_stopping}, and {@code <stream>/queue} - the health check - answers 503 so the load balancer sends
     * new visitors elsewhere), ends the sessions waiting in line at once (their pages reconnect and rejoin on another
     * node), lets the streaming ones finish for up to {@code deadline}, then {@link #close()}s: those still streaming
     * end with {@code server_stopping}, and with a shared queue every slot goes back at once.
     */
    public void drain(Duration deadline) {
        if (engine != null) {
            engine.drain(deadline);
        }
        close();
    }

    /**
     * Drains when the JVM is asked to stop (SIGTERM from {@code docker stop}, Kubernetes, systemd; Ctrl-C): a JVM
     * shutdown hook calls {@link #drain(Duration)} with {@code deadline}. Give the orchestrator's grace period a
     * little more than the deadline (Kubernetes' {@code terminationGracePeriodSeconds}, 30 s by default).
     */
    public RiffleServer drainOnShutdown(Duration deadline) {
        java.util.Objects.requireNonNull(deadline, "deadline");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (jetty.isRunning()) {
                drain(deadline);
            }
        }, "riffle-drain-on-shutdown"));
        return this;
    }

    /** Ends every session (close code 1001), stops, then closes what {@link #closeWith} registered. */
    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The server did not stop cleanly", e);
        } finally {
            for (AutoCloseable r = owned.pollFirst(); r != null; r = owned.pollFirst()) {
                try {
                    r.close();
                } catch (Exception e) {
                    LOG.warn("Closing {} failed", r, e);
                }
            }
        }
    }

    private void beforeStart() {
        if (jetty.isStarted() || jetty.isStarting()) {
            throw new IllegalStateException("Configure the server before start()");
        }
    }

    /** Every jar's {@code META-INF/resources} (the browser client lives in lite-runtime's). */
    private Resource clientResources() {
        ResourceFactory factory = ResourceFactory.of(jetty);
        List<Resource> roots = new ArrayList<>();
        try {
            for (URL url : Collections.list(RiffleServer.class.getClassLoader().getResources("META-INF/resources"))) {
                roots.add(factory.newResource(url));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list META-INF/resources on the class path", e);
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException("No META-INF/resources on the class path: lite-runtime is missing");
        }
        return ResourceFactory.combine(roots);
    }
}
