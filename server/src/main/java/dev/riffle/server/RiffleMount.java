package dev.riffle.server;

import dev.riffle.server.engine.Engine;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.http.ClientFiles;
import dev.riffle.server.http.OriginCheck;
import dev.riffle.server.http.OriginFilter;
import dev.riffle.server.http.Pages;
import dev.riffle.server.http.StreamRoutes;
import dev.riffle.server.transport.webrtc.WebRtcOptions;
import dev.riffle.server.transport.webrtc.WebRtcTransport;
import dev.riffle.server.transport.websocket.SocketEndpoints;
import dev.riffle.server.transport.websocket.StreamSocket;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Riffle's streams in a servlet container you already run - Tomcat (Spring Boot's default), Jetty, any Jakarta
 * Servlet 6 container with Jakarta WebSocket: FastRTC's {@code stream.mount(app)} for Java. Each stream's HTTP routes
 * become a servlet at {@code <context path><path>/*} (its page, FastRTC's routes, WebRTC signalling) and its
 * WebSockets endpoints of the container's {@code ServerContainer} ({@code path/websocket}, FastRTC's
 * {@code path/websocket/offer}); the browser client is served from {@code <context path>/frontend/riffle/}.
 *
 * <pre>{@code
 * // in a ServletContextListener, a ServletContainerInitializer or Spring's ServletContextInitializer
 * RiffleMount riffle = RiffleMount.create().mount("/flip", Stream.video(Filters.FLIP).build());
 * riffle.install(servletContext);     // while the context starts: containers take servlets and endpoints only then
 * ...
 * riffle.close();                     // when the application stops: ends every session
 * }</pre>
 *
 * Sessions, the queue and WebRTC peers live in this object's engine, one per {@code RiffleMount}. POSTs and WebSocket
 * handshakes from other origins' pages are refused unless {@link #allowedOrigins} lists them, as on a
 * {@link RiffleServer}.
 */
public final class RiffleMount implements AutoCloseable {
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private final Set<String> allowedOrigins = new LinkedHashSet<>();
    private WebRtcOptions webrtcOptions = WebRtcOptions.defaults();
    private int maxQueueSize = 100;
    private Duration heartbeatTimeout = Duration.ofSeconds(15);
    private Engine engine;

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
        String p = RiffleServer.normalize(path);
        if (streams.putIfAbsent(p, Objects.requireNonNull(stream, "stream")) != null) {
            throw new IllegalStateException("A stream is already mounted at " + p);
        }
        return this;
    }

    /** See {@link RiffleServer#allowedOrigins(String...)}. */
    public RiffleMount allowedOrigins(String... origins) {
        beforeInstall();
        for (String o : origins) {
            allowedOrigins.add(o.endsWith("/") ? o.substring(0, o.length() - 1) : o);
        }
        return this;
    }

    /** How WebRTC peers connect; see {@link RiffleServer#webrtc(WebRtcOptions)}. */
    public RiffleMount webrtc(WebRtcOptions options) {
        beforeInstall();
        this.webrtcOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /** See {@link RiffleServer#maxQueueSize(int)}. */
    public RiffleMount maxQueueSize(int size) {
        beforeInstall();
        this.maxQueueSize = size;
        return this;
    }

    /** See {@link RiffleServer#heartbeatTimeout(Duration)}. */
    public RiffleMount heartbeatTimeout(Duration timeout) {
        beforeInstall();
        this.heartbeatTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Adds the streams to {@code context}, their WebSockets to the container's {@code ServerContainer} (the
     * {@code jakarta.websocket.server.ServerContainer} attribute). Call it while the context starts.
     *
     * @throws IllegalStateException if the context has no WebSocket container, or is already running
     */
    public RiffleMount install(ServletContext context) {
        Object container = context.getAttribute(ServerContainer.class.getName());
        if (!(container instanceof ServerContainer ws)) {
            throw new IllegalStateException("This servlet context has no Jakarta WebSocket container (attribute "
                    + ServerContainer.class.getName() + "): add your container's WebSocket support (Tomcat:"
                    + " tomcat-embed-websocket; Jetty: JakartaWebSocketServletContainerInitializer.configure)");
        }
        return install(context, ws);
    }

    /** {@link #install(ServletContext)} with the WebSocket container given. */
    public RiffleMount install(ServletContext context, ServerContainer container) {
        beforeInstall();
        String contextPath = context.getContextPath();
        String clientBase = contextPath + Pages.CLIENT_BASE;
        Engine e = new Engine(maxQueueSize, heartbeatTimeout);
        try {
            e.webrtc(new WebRtcTransport(e, webrtcOptions, null));
            container.setDefaultMaxTextMessageBufferSize(Math.max(container.getDefaultMaxTextMessageBufferSize(),
                    StreamSocket.MAX_TEXT));
            for (Map.Entry<String, Stream> entry : streams.entrySet()) {
                String path = entry.getKey();
                StreamRoutes routes = StreamRoutes.attach(entry.getValue().runtime(), e, contextPath + path,
                        clientBase);
                ServletRegistration.Dynamic servlet = context.addServlet("riffle" + path, routes);
                servlet.addMapping(path + "/*");
                servlet.setAsyncSupported(true);
                Set<String> allowed = Set.copyOf(allowedOrigins);
                SocketEndpoints.OriginRule rule = (origin, host, scheme) -> OriginCheck.allows(origin, host, scheme,
                        allowed) ? null : Wire.errorMessage(OriginCheck.refusal(origin, allowed));
                for (ServerEndpointConfig endpoint : SocketEndpoints.of(entry.getValue().runtime(), path, rule)) {
                    container.addEndpoint(endpoint);
                }
                context.addFilter("riffle-origin" + path, new OriginFilter(allowedOrigins))
                        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, path + "/*");
            }
            if (context.getServletRegistration("riffle-client") == null) {
                context.addServlet("riffle-client", new ClientFiles()).addMapping(Pages.CLIENT_BASE + "*");
            }
        } catch (DeploymentException | RuntimeException failed) {
            e.close();
            throw failed instanceof RuntimeException r ? r
                    : new IllegalStateException("The container refused Riffle's WebSocket endpoints: "
                            + failed.getMessage(), failed);
        }
        engine = e;
        return this;
    }

    /** Live stream sessions of all mounted streams. */
    public int sessionCount() {
        return engine == null ? 0 : engine.sessionCount();
    }

    /** Ends every session (close code 1001) and frees the engine's threads and WebRTC peers. */
    @Override
    public void close() {
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
