package dev.riffle.server.transport.webrtc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the server's WebRTC peers connect: ICE servers (STUN/TURN) handed to both ends, the address announced in the
 * server's host candidates, the UDP port range and how long a peer may take to connect.
 *
 * <pre>{@code
 * RiffleServer.create().host("0.0.0.0")
 *         .webrtc(WebRtcOptions.defaults()
 *                 .iceServer("turn:turn.example.com:3478", "user", "secret")
 *                 .announcedAddress("203.0.113.7")      // the public address behind NAT
 *                 .ports(40000, 40100));
 * }</pre>
 */
public final class WebRtcOptions {
    /** One STUN or TURN server. */
    public record IceServer(List<String> urls, String username, String credential) {
        public IceServer {
            urls = List.copyOf(urls);
        }
    }

    private final List<IceServer> iceServers = new ArrayList<>();
    private final List<TurnSecret> turnSecrets = new ArrayList<>();

    /** A TURN server that takes short-lived credentials made from a shared secret (coturn's use-auth-secret). */
    private record TurnSecret(List<String> urls, byte[] secret, Duration ttl) {
    }
    private String announcedAddress;
    private int minPort;
    private int maxPort;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private boolean enabled = true;

    private WebRtcOptions() {
    }

    /** No ICE servers, host candidates announced as the server's own address when it listens on loopback. */
    public static WebRtcOptions defaults() {
        return new WebRtcOptions();
    }

    /** No WebRTC: clients use the WebSocket transport (the offer route answers 503 {@code webrtc_unavailable}). */
    public static WebRtcOptions disabled() {
        WebRtcOptions o = new WebRtcOptions();
        o.enabled = false;
        return o;
    }

    /** Adds a STUN server (no credentials). */
    public WebRtcOptions iceServer(String url) {
        return iceServer(url, null, null);
    }

    /** Adds a TURN (or STUN) server with credentials. */
    public WebRtcOptions iceServer(String url, String username, String credential) {
        if (url == null || !(url.startsWith("stun:") || url.startsWith("turn:") || url.startsWith("turns:"))) {
            throw new IllegalArgumentException("An ICE server URL starts with stun:, turn: or turns:, got " + url);
        }
        iceServers.add(new IceServer(List.of(url), username, credential));
        return this;
    }

    /**
     * Adds a TURN server that takes short-lived credentials - the TURN REST scheme coturn implements with
     * {@code use-auth-secret} / {@code static-auth-secret}: each browser (when it connects, from
     * {@code <stream>/webrtc/ice}) and each of the server's own peers gets a username {@code <expiry>:riffle} and
     * the password {@code base64(HMAC-SHA1(secret, username))}, valid for {@code ttl}. The secret never leaves the
     * server.
     *
     * @param urls {@code turn:host:3478}, {@code turn:host:3478?transport=tcp}, {@code turns:host:5349}
     */
    public WebRtcOptions turnSecret(String secret, Duration ttl, String... urls) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("A TURN secret is not empty");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("The credentials' lifetime is positive, got " + ttl);
        }
        if (urls.length == 0) {
            throw new IllegalArgumentException("Name the TURN server's URLs (turn:host:port)");
        }
        for (String url : urls) {
            if (!(url.startsWith("turn:") || url.startsWith("turns:"))) {
                throw new IllegalArgumentException("A TURN URL starts with turn: or turns:, got " + url);
            }
        }
        turnSecrets.add(new TurnSecret(List.of(urls), secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), ttl));
        return this;
    }

    /**
     * The ICE servers as a peer should use them now: the fixed ones, and for each {@link #turnSecret} fresh
     * credentials valid from {@code now} for its lifetime.
     */
    public List<IceServer> iceServersAt(java.time.Instant now) {
        List<IceServer> all = new ArrayList<>(iceServers);
        for (TurnSecret t : turnSecrets) {
            String username = now.plus(t.ttl()).getEpochSecond() + ":riffle";
            all.add(new IceServer(t.urls(), username, turnPassword(t.secret(), username)));
        }
        return all;
    }

    /** The TURN REST password of {@code username}: base64 of its HMAC-SHA1 under the shared secret. */
    static String turnPassword(byte[] secret, String username) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA1"));
            return java.util.Base64.getEncoder().encodeToString(
                    mac.doFinal(username.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
    }

    /**
     * The address written into the server's host candidates in place of the ones it gathered (an "announced IP",
     * as media servers behind NAT have). Default: the server's listening address when that is a loopback address
     * (WebRTC never gathers loopback candidates itself), else none.
     */
    public WebRtcOptions announcedAddress(String address) {
        this.announcedAddress = address;
        return this;
    }

    /** UDP ports the server's peers may use, inclusive; default any. */
    public WebRtcOptions ports(int min, int max) {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("Port range must be within 1..65535, got " + min + ".." + max);
        }
        this.minPort = min;
        this.maxPort = max;
        return this;
    }

    /** A peer not connected this long after its answer is closed and its slot freed. Default 10 s. */
    public WebRtcOptions connectTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + timeout);
        }
        this.connectTimeout = timeout;
        return this;
    }

    /** The fixed ICE servers ({@link #iceServersAt} adds the ones with short-lived credentials). */
    public List<IceServer> iceServers() {
        return List.copyOf(iceServers);
    }

    public String announcedAddress() {
        return announcedAddress;
    }

    public int minPort() {
        return minPort;
    }

    public int maxPort() {
        return maxPort;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public boolean enabled() {
        return enabled;
    }
}
