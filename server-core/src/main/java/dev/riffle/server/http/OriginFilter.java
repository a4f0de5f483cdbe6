package dev.riffle.server.http;

import dev.riffle.server.engine.Wire;
import dev.riffle.server.queue.SessionDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * {@link Origins}' rule for POSTs as a servlet filter, for streams mounted in a container Riffle does not run
 * (WebSocket upgrades there are checked by the endpoints' configurator, see {@code SocketEndpoints}). It sees every
 * request to the mount, WebSocket upgrades included, so it also tells a shared deployment's directory where this node
 * is reached when nothing else has: the local address and port of the first request.
 */
public final class OriginFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final Set<String> allowed;
    private final transient SessionDirectory directory;

    /**
     * @param allowed origins allowed besides the page's own; {@code *} = any
     * @param directory the mount's session directory ({@link SessionDirectory#NONE} alone)
     */
    public OriginFilter(Set<String> allowed, SessionDirectory directory) {
        this.allowed = Set.copyOf(allowed);
        this.directory = directory;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (directory.isShared() && !directory.isAdvertised()) {
            directory.advertise(Forwarder.localAddress(req));
        }
        String origin = req.getHeader("Origin");
        if (origin == null || !"POST".equals(req.getMethod())
                || Origins.allows(origin, req.getHeader("Host"), req.getScheme(), allowed)) {
            chain.doFilter(req, resp);
            return;
        }
        byte[] body = Wire.write(Origins.refusal(origin, allowed).body()).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(403);
        resp.setContentType("application/json;charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
