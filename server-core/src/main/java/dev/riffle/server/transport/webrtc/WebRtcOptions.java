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
