package dev.riffle.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** What {@link RedisServer} and {@link HaProxy} share: a Debian tool that must be there, and a free local port. */
final class LocalDaemons {
    private LocalDaemons() {
    }

    /**
     * Skips the test when {@code binary} is missing - or fails it with {@code -Driffle.browsers.required=true},
     * which Riffle's {@code ./dev test} sets once it has installed the tools.
     */
    static void require(Path binary, String aptPackage) {
        if (!Files.isExecutable(binary)) {
            if (Boolean.getBoolean("riffle.browsers.required")) {
                Assertions.fail(binary + " is missing (apt-get install " + aptPackage + ")");
            }
            Assumptions.abort("no " + binary + ": apt-get install " + aptPackage);
        }
    }

    /** A port free on this machine right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
