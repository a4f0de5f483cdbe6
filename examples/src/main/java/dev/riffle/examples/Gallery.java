package dev.riffle.examples;

import dev.riffle.server.StaticServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the examples gallery on http://127.0.0.1:PORT/ (default port 8080; {@code --port N}, 0 = a free port).
 * The Lite pages are exported afresh into {@code --dir} (default {@code examples/target/lite}) at start-up.
 */
public final class Gallery {
    private Gallery() {
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        Path dir = Path.of("examples/target/lite");
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --port N and --dir FOLDER");
            }
        }
        Files.createDirectories(dir);
        ExportLitePages.export(dir);
        StaticServer server = StaticServer.start(dir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Riffle gallery: " + server.url() + "  (Ctrl+C stops it)");
        new CountDownLatch(1).await();
    }
}
