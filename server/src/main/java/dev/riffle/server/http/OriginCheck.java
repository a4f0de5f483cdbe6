package dev.riffle.server.http;

import dev.riffle.server.engine.Wire;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses requests a foreign page's script makes on a visitor's behalf: WebSocket upgrades and POSTs whose
 * {@code Origin} is neither this server's own (scheme, host and port of the request) nor on the allow-list get a 403
 * {@code origin_not_allowed}. Without it any page a person visits could open sessions, take queue slots and run
 * handlers on a Riffle server they can reach (their own machine, their intranet): cross-site WebSocket hijacking.
 * Requests without an {@code Origin} (programs, not browsers) pass, and so does everything else; {@code null} as an
 * origin (sandboxed frames, files) does not. The rule itself is {@link Origins}'s, as for a servlet container's
 * {@code OriginFilter}.
 */
public final class OriginCheck extends Handler.Wrapper {
    private final Set<String> allowed;

    /** @param allowed origins allowed besides the server's own ({@code https://app.example}); {@code *} = any */
    public OriginCheck(Handler next, Set<String> allowed) {
        super(next);
        this.allowed = allowed;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        boolean guarded = HttpMethod.POST.is(request.getMethod()) || request.getHeaders().contains(HttpHeader.UPGRADE)
                || request.getConnectionMetaData().getHttpVersion().getVersion() >= 20
                        && HttpMethod.CONNECT.is(request.getMethod());
        // the request's own authority and scheme: its Host header, or a trusted proxy's X-Forwarded-* when the
        // server takes them (forwardedHeaders)
        String authority = request.getHttpURI().getAuthority();
        if (origin == null || !guarded || Origins.allows(origin, authority != null ? authority
                : request.getHeaders().get(HttpHeader.HOST), request.getHttpURI().getScheme(), allowed)) {
            return super.handle(request, response, callback);
        }
        response.setStatus(403);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.write(true, ByteBuffer.wrap(Wire.write(Origins.refusal(origin, allowed).body())
                .getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
