package dev.riffle.server.bench;

import dev.riffle.filters.Filters;
import dev.riffle.server.RiffleServer;
import dev.riffle.server.Stream;

/**
 * The embedded-Jetty side of {@link MountBenchmark}, in a JVM of its own as the Spring Boot app is: Riffle's own
 * server with the flip stream at {@code /flip} (as the example's {@code flip} bean, no concurrency limit), on a free
 * port it prints as {@code port N}.
 */
public final class FlipServer {
    private FlipServer() {
    }

    public static void main(String[] args) throws Exception {
        RiffleServer server = RiffleServer.create()
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).build()).start();
        System.out.println("port " + server.port());
        System.out.flush();
        server.join();
    }
}
