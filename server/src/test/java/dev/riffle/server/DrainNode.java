package dev.riffle.server;

import dev.riffle.filters.Filters;
import java.time.Duration;

/** {@link ShutdownDrainTest}'s server, in a JVM of its own: drains for up to a minute on SIGTERM; prints its port. */
public final class DrainNode {
    private DrainNode() {
    }

    public static void main(String[] args) throws Exception {
        RiffleServer server = RiffleServer.create().drainOnShutdown(Duration.ofMinutes(1))
                .mount("/flip", Stream.video(Filters.FLIP).build()).start();
        System.out.println("port " + server.port());
        System.out.flush();
        server.join();
    }
}
