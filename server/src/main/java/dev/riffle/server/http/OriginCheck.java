package dev.riffle.server.http;

import dev.riffle.server.engine.Wire;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
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
 * origin (sandboxed frames, files) does not.
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
        if (origin == null || !guarded || allows(origin, request.getHeaders().get(HttpHeader.HOST),
                request.getHttpURI().getScheme(), allowed)) {
            return super.handle(request, response, callback);
        }
        response.setStatus(403);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.write(true, ByteBuffer.wrap(Wire.write(refusal(origin, allowed).body())
                .getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /** The error a refused request gets. */
    public static ApiError refusal(String origin, Set<String> allowed) {
        return new ApiError(ErrorCode.ORIGIN_NOT_ALLOWED, "Requests from pages at " + origin
                + " are not allowed here: only this server's own pages"
                + (allowed.isEmpty() ? "" : " and " + allowed) + " may open sessions (allowedOrigins)",
                Map.of("origin", origin));
    }

    /**
     * Whether a request with {@code origin} may act here: it is on the allow-list, or it is the request's own
     * scheme, host and port ({@code host} is the request's {@code Host} header, {@code scheme} its scheme).
     */
    public static boolean allows(String origin, String host, String scheme, Set<String> allowed) {
        if (allowed.contains("*") || allowed.contains(origin)) {
            return true;
        }
        if (origin.equals("null")) {
            return false;
        }
        try {
            URI o = URI.create(origin);
            if (o.getScheme() == null || o.getHost() == null || host == null) {
                return false;
            }
            int port = o.getPort() >= 0 ? o.getPort() : o.getScheme().equalsIgnoreCase("https") ? 443 : 80;
            URI own = URI.create((scheme == null ? "http" : scheme) + "://" + host);
            if (own.getHost() == null) {
                return false; // a Host header URI cannot read (an underscore in a name): not provably the same
            }
            int ownPort = own.getPort() >= 0 ? own.getPort() : "https".equalsIgnoreCase(own.getScheme()) ? 443 : 80;
            return o.getHost().toLowerCase(Locale.ROOT).equals(own.getHost().toLowerCase(Locale.ROOT))
                    && port == ownPort;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
