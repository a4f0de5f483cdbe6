package dev.riffle.server.http;

import dev.riffle.server.engine.Wire;
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
 * (WebSocket upgrades there are checked by the endpoints' configurator, see {@code SocketEndpoints}).
 */
public final class OriginFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final Set<String> allowed;

    /** @param allowed origins allowed besides the page's own; {@code *} = any */
    public OriginFilter(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
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
