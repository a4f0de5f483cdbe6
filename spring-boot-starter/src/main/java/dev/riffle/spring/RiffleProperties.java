package dev.riffle.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code riffle.*} properties of a Spring Boot app.
 *
 * <pre>
 * riffle.allowed-origins=https://app.example
 * riffle.max-queue-size=100
 * riffle.heartbeat-timeout=15s
 * riffle.default-time-limit=60s            # for streams (beans and Vaadin views) that set none
 * riffle.default-concurrency-limit=4
 * riffle.models=/var/lib/riffle/models
 * riffle.webrtc.ice-servers[0].url=turn:turn.example:3478
 * riffle.webrtc.ice-servers[0].username=user
 * riffle.webrtc.ice-servers[0].credential=secret
 * riffle.webrtc.turn-secret=...               # coturn's static-auth-secret: short-lived credentials
 * riffle.webrtc.turn-urls=turn:turn.example:3478
 * riffle.webrtc.announced-address=203.0.113.7
 * riffle.webrtc.port-min=50000
 * riffle.webrtc.port-max=50100
 * riffle.streams.flip.path=/filters/flip   # the Stream bean "flip" (default /flip)
 * riffle.apps.demo.path=/                  # the Blocks or LiteApp bean "demo" (default /demo)
 * </pre>
 */
@ConfigurationProperties("riffle")
public class RiffleProperties {
    /** Turns the auto-configuration off ({@code false}). */
    private boolean enabled = true;
    /** Origins whose pages may open sessions besides the app's own; {@code *} allows any. */
    private List<String> allowedOrigins = new ArrayList<>();
    /** Sessions that may wait in one concurrency group's line before further ones are refused. */
    private int maxQueueSize = 100;
    /** A session that sends nothing for longer loses its place or slot. */
    private Duration heartbeatTimeout = Duration.ofSeconds(15);
    /**
     * How long streaming sessions may go on when the app stops (they end then); 0 ends them at once. Spring's own
     * {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s by default) bounds it too.
     */
    private Duration drainTimeout = Duration.ofSeconds(30);
    /** The time limit of streams that set none of their own (Gradio's time_limit); unset: none. */
    private Duration defaultTimeLimit;
    /** The concurrency limit of streams that set none of their own; unset: Gradio's 1. */
    private Integer defaultConcurrencyLimit;
    /** The folder of the model files (Silero VAD, PaddleOCR); sets {@code riffle.models} unless that is set. */
    private Path models;
    /** Whether a missing model file is fetched on first use; sets {@code riffle.models.fetch} unless that is set. */
    private Boolean modelsFetch;
    private final WebRtc webrtc = new WebRtc();
    private final Cluster cluster = new Cluster();
    /** Mount paths of Stream beans by bean name. */
    private Map<String, Mount> streams = new LinkedHashMap<>();
    /** Mount paths of Blocks and LiteApp beans by bean name. */
    private Map<String, Mount> apps = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public int getMaxQueueSize() {
        return maxQueueSize;
    }

    public void setMaxQueueSize(int maxQueueSize) {
        this.maxQueueSize = maxQueueSize;
    }

    public Duration getHeartbeatTimeout() {
        return heartbeatTimeout;
    }

    public void setHeartbeatTimeout(Duration heartbeatTimeout) {
        this.heartbeatTimeout = heartbeatTimeout;
    }

    public Duration getDrainTimeout() {
        return drainTimeout;
    }

    public void setDrainTimeout(Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
    }

    public Duration getDefaultTimeLimit() {
        return defaultTimeLimit;
    }

    public void setDefaultTimeLimit(Duration defaultTimeLimit) {
        this.defaultTimeLimit = defaultTimeLimit;
    }

    public Integer getDefaultConcurrencyLimit() {
        return defaultConcurrencyLimit;
    }

    public void setDefaultConcurrencyLimit(Integer defaultConcurrencyLimit) {
        this.defaultConcurrencyLimit = defaultConcurrencyLimit;
    }

    public Path getModels() {
        return models;
    }

    public void setModels(Path models) {
        this.models = models;
    }

    public Boolean getModelsFetch() {
        return modelsFetch;
    }

    public void setModelsFetch(Boolean modelsFetch) {
        this.modelsFetch = modelsFetch;
    }

    public WebRtc getWebrtc() {
        return webrtc;
    }

    public Cluster getCluster() {
        return cluster;
    }

    public Map<String, Mount> getStreams() {
        return streams;
    }

    public void setStreams(Map<String, Mount> streams) {
        this.streams = streams;
    }

    public Map<String, Mount> getApps() {
        return apps;
    }

    public void setApps(Map<String, Mount> apps) {
        this.apps = apps;
    }

    /** Where a bean is mounted. */
    public static class Mount {
        /** The path, relative to the servlet context ({@code /name}). */
        private String path;

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }

    /**
     * Several nodes serving the same streams (needs {@code riffle-redis} on the class path): one queue and one
     * session directory in Redis.
     */
    public static class Cluster {
        /** The Redis that the nodes share ({@code redis://host:6379}); unset: this node alone. */
        private String redisUri;
        /** This node's name among the nodes; default: the host name and a random suffix. */
        private String node;
        /**
         * Where the other nodes reach this one ({@code http://10.0.0.5:8080}); default: {@code server.address} (or
         * this machine's address) and the port the web server took.
         */
        private String address;
        /** How long a node's slots and sessions outlive its last renewal (a crashed node's). */
        private Duration lease = Duration.ofSeconds(5);

        public String getRedisUri() {
            return redisUri;
        }

        public void setRedisUri(String redisUri) {
            this.redisUri = redisUri;
        }

        public String getNode() {
            return node;
        }

        public void setNode(String node) {
            this.node = node;
        }

        public String getAddress() {
            return address;
        }

        public void setAddress(String address) {
            this.address = address;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }
    }

    /** How WebRTC peers connect. */
    public static class WebRtc {
        /** {@code false}: streams are offered over the WebSocket only. */
        private boolean enabled = true;
        /** STUN and TURN servers both peers use; none: host candidates only (a LAN, loopback). */
        private List<IceServer> iceServers = new ArrayList<>();
        /** The address the server's candidates announce (behind NAT, in a container). */
        private String announcedAddress;
        /** The server's ICE UDP port range; both or neither. */
        private Integer portMin;
        private Integer portMax;
        /** How long a peer may take to connect. */
        private Duration connectTimeout;
        /** coturn's static-auth-secret: browsers and peers get short-lived TURN credentials (TURN REST). */
        private String turnSecret;
        /** The TURN server's URLs for {@link #turnSecret} ({@code turn:host:3478}). */
        private List<String> turnUrls = new ArrayList<>();
        /** How long those credentials live. */
        private Duration turnTtl = Duration.ofHours(1);

        public String getTurnSecret() {
            return turnSecret;
        }

        public void setTurnSecret(String turnSecret) {
            this.turnSecret = turnSecret;
        }

        public List<String> getTurnUrls() {
            return turnUrls;
        }

        public void setTurnUrls(List<String> turnUrls) {
            this.turnUrls = turnUrls;
        }

        public Duration getTurnTtl() {
            return turnTtl;
        }

        public void setTurnTtl(Duration turnTtl) {
            this.turnTtl = turnTtl;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<IceServer> getIceServers() {
            return iceServers;
        }

        public void setIceServers(List<IceServer> iceServers) {
            this.iceServers = iceServers;
        }

        public String getAnnouncedAddress() {
            return announcedAddress;
        }

        public void setAnnouncedAddress(String announcedAddress) {
            this.announcedAddress = announcedAddress;
        }

        public Integer getPortMin() {
            return portMin;
        }

        public void setPortMin(Integer portMin) {
            this.portMin = portMin;
        }

        public Integer getPortMax() {
            return portMax;
        }

        public void setPortMax(Integer portMax) {
            this.portMax = portMax;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }
    }

    /** A STUN or TURN server. */
    public static class IceServer {
        private String url;
        private String username;
        private String credential;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getCredential() {
            return credential;
        }

        public void setCredential(String credential) {
            this.credential = credential;
        }
    }
}
