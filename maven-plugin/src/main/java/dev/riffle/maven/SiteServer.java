package dev.riffle.maven;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The development server of {@code riffle:run}: serves the site folder with the types browsers insist on
 * ({@code application/wasm}, {@code text/javascript}), without caching, and tells open pages to reload after a
 * rebuild (each {@code index.html} it serves asks {@value #BUILD_PATH} for the build number once a second).
 */
final class SiteServer implements AutoCloseable {
    static final String BUILD_PATH = "/.riffle-build";
    private static final String RELOAD = """
            <script>
            (() => { let seen = null; setInterval(async () => {
              try { const n = await (await fetch('%s', { cache: 'no-store' })).text();
                if (seen !== null && n !== seen) location.reload(); seen = n; } catch (e) { /* server restarting */ }
            }, 1000); })();
            </script>
            """.formatted(BUILD_PATH);

    private final HttpServer http;
    private final ExecutorService threads;
    private final Path root;
    private final AtomicLong build = new AtomicLong();

    private SiteServer(HttpServer http, ExecutorService threads, Path root) {
        this.http = http;
        this.threads = threads;
        this.root = root.toAbsolutePath().normalize();
    }

    static SiteServer start(String host, int port, Path root) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        SiteServer server = new SiteServer(http, threads, root);
        http.setExecutor(threads);
        http.createContext("/", server::serve);
        http.start();
        return server;
    }

    URI url() {
        InetSocketAddress address = http.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
    }

    /** A new build is on disk: open pages reload. */
    void built() {
        build.incrementAndGet();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                send(exchange, 405, "text/plain", "Only GET and HEAD\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals(BUILD_PATH)) {
                send(exchange, 200, "text/plain", Long.toString(build.get()).getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path file = root.resolve(path.substring(1)).normalize();
            if (Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                send(exchange, 404, "text/plain", ("Not found: " + path + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            if (name.equals("index.html")) {
                body = new String(body, StandardCharsets.UTF_8).replace("</body>", RELOAD + "</body>")
                        .getBytes(StandardCharsets.UTF_8);
            }
            send(exchange, 200, type(name), body);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static String type(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (lower.endsWith(".js") || lower.endsWith(".mjs")) {
            return "text/javascript; charset=utf-8";
        } else if (lower.endsWith(".wasm")) {
            return "application/wasm";
        } else if (lower.endsWith(".json")) {
            return "application/json";
        } else if (lower.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "application/octet-stream";
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
