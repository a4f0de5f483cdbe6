package dev.riffle.server.http;

import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which pages may act on a Riffle server: its own (same scheme, host and port as the request) and an allow-list.
 * POSTs and WebSocket handshakes from other pages are refused - cross-site WebSocket hijacking otherwise: any page a
 * person visits could open sessions, take queue slots and run handlers on a server they can reach.
 */
public final class Origins {
    private Origins() {
    }

    /** An allow-list entry as browsers send origins: {@code https://app.example/} -> {@code https://app.example}. */
    public static String normalize(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
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
