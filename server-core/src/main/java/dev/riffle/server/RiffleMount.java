package dev.riffle.server;

import dev.riffle.server.http.MountPath;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.LiteApp;
import dev.riffle.blocks.LiteExporter;
import dev.riffle.server.engine.Engine;
import dev.riffle.server.queue.QueueBackend;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.http.ClientFiles;
import dev.riffle.server.http.Origins;
import dev.riffle.server.http.OriginFilter;
import dev.riffle.server.http.Pages;
import dev.riffle.server.http.StreamRoutes;
import dev.riffle.server.transport.webrtc.WebRtcOptions;
import dev.riffle.server.transport.webrtc.WebRtcProvider;
import dev.riffle.server.transport.websocket.SocketEndpoints;
import dev.riffle.server.transport.websocket.StreamSocket;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Riffle's streams in a servlet container you already run - Tomcat (Spring Boot's default), Jetty, any Jakarta
 * Servlet 6 container with Jakarta WebSocket: FastRTC's {@code stream.mount(app)} for Java. Each stream's HTTP routes
 * become a servlet at {@code <context path><path>/*} (its page, FastRTC's routes, WebRTC signalling) and its
 * WebSockets endpoints of the container's {@code ServerContainer} ({@code path/websocket}, FastRTC's
 * {@code path/websocket/offer}); the browser client is served from {@code <context path>/frontend/riffle/}.
 *
 * <pre>{@code
 * // in a ServletContainerInitializer or Spring's ServletContextInitializer (riffle-spring-boot-starter does it)
 * RiffleMount riffle = RiffleMount.create().mount("/flip", Stream.video(Filters.FLIP).build());
 * riffle.install(servletContext);     // while the context starts: containers take servlets only then
 * ...
 * riffle.close();                     // when the application stops: ends every session
 * }</pre>
 *
 * Sessions, the queue and WebRTC peers live in this object's engine, one per {@code RiffleMount}. POSTs and WebSocket
 * handshakes from other origins' pages are refused unless {@link #allowedOrigins} lists them, as on a
 * {@code RiffleServer} (riffle-server). Blocks apps ({@link #app}, {@link #liteApp}) and the streams Riffle's Vaadin
 * components declare ({@link #mountLive}, under {@code <context path>/riffle/streams/}) are served as on a
 * {@code RiffleServer}.
 */
public final class RiffleMount implements StreamHost, AutoCloseable {
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private final Set<String> allowedOrigins = new LinkedHashSet<>();
    private WebRtcOptions webrtcOptions = WebRtcOptions.defaults();
    private int maxQueueSize = 100;
    private QueueBackend queueBackend = QueueBackend.inProcess();
    private volatile java.net.URI advertised;
    private Duration heartbeatTimeout = Duration.ofSeconds(15);
    private final List<Function<String, AppPage>> apps = new ArrayList<>();
    private Engine engine;
    private LiveStreams live;
    private Duration defaultTimeLimit;
    private boolean timeLimitDefaulted;
    private Integer defaultConcurrencyLimit;
    private boolean concurrencyDefaulted;
    private final StreamListeners streamListeners = new StreamListeners();
    private final List<String> installedPaths = new ArrayList<>();
    private volatile boolean closed;

    private RiffleMount() {
    }

    /** Nothing mounted yet. */
    public static RiffleMount create() {
        return new RiffleMount();
    }

    /**
     * Mounts {@code stream} at {@code path} ({@code /name}, relative to the servlet context).
     *
     * @throws IllegalStateException after {@link #install} or if the path is taken
     */
    public RiffleMount mount(String path, Stream stream) {
        beforeInstall();
        String p = MountPath.normalize(path);
        if (streams.putIfAbsent(p, Objects.requireNonNull(stream, "stream")) != null) {
            throw new IllegalStateException("A stream is already mounted at " + p);
        }
        return this;
    }

    /** See {@code RiffleServer.allowedOrigins}. */
    public RiffleMount allowedOrigins(String... origins) {
        beforeInstall();
        for (String o : origins) {
            allowedOrigins.add(Origins.normalize(o));
        }
        return this;
    }

    /** How WebRTC peers connect; see {@code RiffleServer.webrtc}. */
    public RiffleMount webrtc(WebRtcOptions options) {
        beforeInstall();
        this.webrtcOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Where the queue lives: {@link QueueBackend#inProcess()} (the default, one node) or a queue shared by several
     * nodes serving the same streams ({@code riffle-redis}'s {@code RedisQueues}): one concurrency limit and one line
     * across them.
     */
    public RiffleMount queue(QueueBackend backend) {
        beforeInstall();
        this.queueBackend = java.util.Objects.requireNonNull(backend, "backend");
        return this;
    }

    /**
     * Where the other nodes of a shared deployment reach this one, {@code http://host:port} (requests about its
     * sessions that reach them are forwarded there): for a host that learns its port at start, as Spring Boot's
     * starter does. Without it, the queue's own setting ({@code RedisQueues.address}) or else the local address of
     * the first request this mount serves. Alone (the in-process queue) it changes nothing.
     */
    public RiffleMount advertise(java.net.URI address) {
        this.advertised = Objects.requireNonNull(address, "address");
        if (engine != null) {
            engine.directory().advertise(address);
        }
        return this;
    }

    /**
     * The time limit of every stream mounted here that chose none of its own ({@code timeLimit(...)} not called):
     * Spring Boot's {@code riffle.default-time-limit}. A stream's own choice stays.
     */
    public RiffleMount defaultTimeLimit(Duration limit) {
        beforeInstall();
        this.defaultTimeLimit = limit;
        this.timeLimitDefaulted = true;
        return this;
    }

    /** The concurrency limit ({@code null} = unlimited) of every stream here that chose none of its own. */
    public RiffleMount defaultConcurrencyLimit(Integer limit) {
        beforeInstall();
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("A concurrency limit is at least 1, or null for none, got " + limit);
        }
        this.defaultConcurrencyLimit = limit;
        this.concurrencyDefaulted = true;
        return this;
    }

    private void applyDefaults(Stream stream) {
        if (timeLimitDefaulted) {
            stream.runtime().options().defaultTimeLimit(defaultTimeLimit);
        }
        if (concurrencyDefaulted) {
            stream.runtime().options().defaultConcurrencyLimit(defaultConcurrencyLimit);
        }
    }

    /** See {@code RiffleServer.maxQueueSize}. */
    public RiffleMount maxQueueSize(int size) {
        beforeInstall();
        this.maxQueueSize = size;
        return this;
    }

    /** See {@code RiffleServer.heartbeatTimeout}. */
    public RiffleMount heartbeatTimeout(Duration timeout) {
        beforeInstall();
        this.heartbeatTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Serves a Blocks app at {@code path/}, as {@code RiffleServer.app} does. */
    public RiffleMount app(String path, Blocks app) {
        beforeInstall();
        apps.add(c -> AppPage.of(path, c, app));
        return this;
    }

    /** Serves a project's Lite app at {@code path/}, as {@code RiffleServer.liteApp} does. */
    public RiffleMount liteApp(String path, LiteApp app) {
        beforeInstall();
        LiteExporter.check(app);
        apps.add(c -> AppPage.of(path, c, app));
        return this;
    }

    /**
     * Adds the streams and apps to {@code context}, their WebSockets to the container's {@code ServerContainer} (the
     * {@code jakarta.websocket.server.ServerContainer} attribute; when the container's WebSocket initializer runs
     * after this call, once the context has initialized), and makes this mount the context's {@link StreamHost}, where
     * Riffle's Vaadin components mount the streams their views declare. Call it while the context starts (a
     * {@code ServletContainerInitializer}, Spring's {@code ServletContextInitializer}): containers take servlets then.
     *
     * @throws IllegalStateException if called twice, or the context has no WebSocket container once it initialized
     */
    public RiffleMount install(ServletContext context) {
        if (context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer ws) {
            return install(context, ws);
        }
        List<ServerEndpointConfig> endpoints = register(context);
        context.addListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                if (!(context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer ws)) {
                    throw new IllegalStateException("This servlet context has no Jakarta WebSocket container"
                            + " (attribute " + ServerContainer.class.getName() + "): add your container's WebSocket"
                            + " support (Spring Boot: spring-boot-starter-websocket; Tomcat: tomcat-embed-websocket;"
                            + " Jetty: JakartaWebSocketServletContainerInitializer.configure)");
                }
                addEndpoints(ws, endpoints);
            }
        });
        return this;
    }

    /** {@link #install(ServletContext)} with the WebSocket container given. */
    public RiffleMount install(ServletContext context, ServerContainer container) {
        addEndpoints(container, register(context));
        return this;
    }

    /** The servlets, filters and engine; the WebSocket endpoints to add. */
    private List<ServerEndpointConfig> register(ServletContext context) {
        beforeInstall();
        String contextPath = context.getContextPath();
        String clientBase = contextPath + Pages.CLIENT_BASE;
        Engine e = new Engine(maxQueueSize, heartbeatTimeout, queueBackend);
        if (advertised != null) {
            e.directory().advertise(advertised);
        }
        try {
            e.webrtc(WebRtcProvider.load(e, webrtcOptions, null));
            Set<String> allowed = Set.copyOf(allowedOrigins);
            SocketEndpoints.OriginRule rule = (origin, host, scheme) -> Origins.allows(origin, host, scheme,
                    allowed) ? null : Wire.errorMessage(Origins.refusal(origin, allowed));
            Map<String, Stream> all = new LinkedHashMap<>(streams);
            for (Function<String, AppPage> plan : apps) {
                AppPage page = plan.apply(contextPath);
                for (Map.Entry<String, Stream> s : page.streams().entrySet()) {
                    if (all.putIfAbsent(s.getKey(), s.getValue()) != null) {
                        throw new IllegalStateException("A stream is already mounted at " + s.getKey());
                    }
                }
                if (page.bundle() != null) {
                    context.addServlet("riffle-bundle" + page.path(), FixedServlet.wasm(page.bundle()))
                            .addMapping(page.bundlePath());
                }
                context.addServlet("riffle-app" + page.path(), FixedServlet.folderPage(page.html()))
                        .addMapping(page.path() + "/*");
            }
            all.values().forEach(this::applyDefaults);
            List<ServerEndpointConfig> endpoints = new ArrayList<>();
            for (Map.Entry<String, Stream> entry : all.entrySet()) {
                String path = entry.getKey();
                StreamRoutes routes = StreamRoutes.attach(entry.getValue().runtime(), e, contextPath + path,
                        clientBase);
                addServlet(context, "riffle" + path, routes, path);
                endpoints.addAll(SocketEndpoints.of(entry.getValue().runtime(), path, rule));
            }
            LiveStreams live = new LiveStreams(e, contextPath, this::applyDefaults, streamListeners::mounted);
            addServlet(context, "riffle-live", live, LiveStreams.BASE);
            endpoints.add(live.endpoint(rule));
            List<String> guarded = new ArrayList<>(all.keySet());
            guarded.add(LiveStreams.BASE);
            jakarta.servlet.FilterRegistration.Dynamic origins = context.addFilter("riffle-origin",
                    new OriginFilter(allowedOrigins, e.directory()));
            origins.setAsyncSupported(true); // the routes behind it go async: server-sent events, forwarding
            origins.addMappingForUrlPatterns(
                    EnumSet.of(DispatcherType.REQUEST), false, guarded.stream().map(p -> p + "/*")
                            .toArray(String[]::new));
            if (context.getServletRegistration("riffle-client") == null) {
                context.addServlet("riffle-client", new ClientFiles()).addMapping(Pages.CLIENT_BASE + "*");
            }
            context.setAttribute(StreamHost.ATTRIBUTE, this);
            installedPaths.addAll(all.keySet());
            all.values().forEach(streamListeners::mounted);
            this.live = live;
            engine = e;
            return endpoints;
        } catch (RuntimeException failed) {
            e.close();
            throw failed;
        }
    }

    private static void addServlet(ServletContext context, String name, jakarta.servlet.Servlet servlet,
            String path) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        if (registration == null) {
            throw new IllegalStateException("The servlet context has a servlet named " + name + " already");
        }
        registration.addMapping(path + "/*");
        registration.setAsyncSupported(true);
    }

    private void addEndpoints(ServerContainer container, List<ServerEndpointConfig> endpoints) {
        container.setDefaultMaxTextMessageBufferSize(Math.max(container.getDefaultMaxTextMessageBufferSize(),
                StreamSocket.MAX_TEXT));
        try {
            for (ServerEndpointConfig endpoint : endpoints) {
                container.addEndpoint(endpoint);
            }
        } catch (DeploymentException failed) {
            throw new IllegalStateException("The container refused Riffle's WebSocket endpoints: "
                    + failed.getMessage(), failed);
        }
    }

    /**
     * Mounts a stream while the app runs, at {@code <context path>/riffle/streams/<key>} - how a Vaadin view's stream
     * joins the engine; see {@link StreamHost#mountLive}.
     *
     * @throws IllegalStateException before {@link #install}
     */
    @Override
    public Stream mountLive(String key, Supplier<Stream> create) {
        if (live == null) {
            throw new IllegalStateException("Live streams are mounted once Riffle is installed in a servlet context");
        }
        return live.mount(key, create);
    }

    @Override
    public void onStream(Consumer<Stream> listener) {
        streamListeners.add(listener);
    }

    /** Whether {@link #install} ran and {@link #close} did not: the streams are served. */
    public boolean isRunning() {
        return engine != null && !closed;
    }

    /**
     * The paths streams are mounted at, relative to the servlet context: {@link #mount}'s, the apps' server streams and
     * the live streams mounted so far.
     */
    public List<String> paths() {
        List<String> paths = new ArrayList<>(installedPaths);
        if (live != null) {
            paths.addAll(live.keys().stream().map(k -> LiveStreams.BASE + "/" + k).toList());
        }
        return paths;
    }

    /** WebRTC peer connections not yet released (see {@code RiffleServer.openPeerConnections}). */
    public int openPeerConnections() {
        return engine == null || engine.webrtc() == null ? 0 : engine.webrtc().openConnections();
    }

    /** Live stream sessions of all mounted streams. */
    public int sessionCount() {
        return engine == null ? 0 : engine.sessionCount();
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

    /** Ends every session (close code 1001) and frees the engine's threads and WebRTC peers. */
    @Override
    public synchronized void close() {
        if (closed) {
            return; // drained and closed already
        }
        closed = true;
        if (engine != null) {
            engine.close();
        }
    }

    private void beforeInstall() {
        if (engine != null) {
            throw new IllegalStateException("Configure the mount before install()");
        }
    }
}
