package dev.riffle.spring;

import dev.riffle.server.RiffleMount;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code riffle} in {@code /actuator/health}: UP while the streams are served (installed and not closed), with the
 * mounted paths, live sessions and WebRTC peer connections not yet released; DOWN before install and after close.
 */
public class RiffleHealthIndicator extends AbstractHealthIndicator {
    private final RiffleMount mount;

    public RiffleHealthIndicator(RiffleMount mount) {
        super("Riffle health check failed");
        this.mount = mount;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        (mount.isRunning() ? builder.up() : builder.down().withDetail("reason", "not serving: not installed in the"
                + " servlet context yet, or closed"))
                .withDetail("streams", mount.paths())
                .withDetail("sessions", mount.sessionCount())
                .withDetail("webrtcPeerConnections", mount.openPeerConnections());
    }
}
