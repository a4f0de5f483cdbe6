package dev.riffle.blocks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves a folder over HTTP - enough for Lite pages, which need nothing but static files (with {@code .wasm} as
 * {@code application/wasm}). Binds to 127.0.0.1 by default, a secure context for the camera; port 0 picks a free
 * port.
 *
 * <pre>{@code
 * try (StaticServer server = StaticServer.start(Path.of("examples/target/lite"), 0)) {
 *     System.out.println(server.url());
 * }
 * }</pre>
 */
public final class StaticServer implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("png", "image/png"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("y4m", "video/x-yuv4mpeg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    /** Where pages served with live reload ask for the build number. */
    public static final String BUILD_PATH = "/.riffle-build";
    private static final String RELOAD_SCRIPT = """
            <script>
            (() => { let seen = null; setInterval(async () => {
              try { const n = await (await fetch('%s', { cache: 'no-store' })).text();
                if (seen !== null && n !== seen) location.reload(); seen = n; } catch (e) { /* restarting */ }
            }, 1000); })();
            </script>
            """.formatted(BUILD_PATH);

    private final HttpServer http;
    private final ExecutorService executor;
    private final Path root;
    private volatile boolean liveReload;
    private final AtomicLong build = new AtomicLong();

    private StaticServer(HttpServer http, ExecutorService executor, Path root) {
        this.http = http;
        this.executor = executor;
        this.root = root;
    }

    /** Serves {@code root} on 127.0.0.1:{@code port} (0 = a free port). */
    public static StaticServer start(Path root, int port) throws IOException {
        return start(root, InetAddress.getLoopbackAddress().getHostAddress(), port);
    }

    /**
     * Serves {@code root} on {@code host:port}.
     *
     * @throws IllegalArgumentException if {@code root} is not a folder
     */
    public static StaticServer start(Path root, String host, int port) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Not a folder: " + dir);
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        StaticServer server = new StaticServer(http, executor, dir);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        return server;
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:41234/}. */
    public URI url() {
        InetSocketAddress address = http.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /**
     * Makes the pages it serves reload themselves after {@link #reloadPages()}: each {@code index.html} gets a small
     * script that asks {@value #BUILD_PATH} for the build number once a second (a development loop's server).
     */
    public StaticServer liveReload() {
        liveReload = true;
        return this;
    }

    /** A new build is on disk: pages served with {@link #liveReload()} reload within a second. */
    public void reloadPages() {
        build.incrementAndGet();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "Only GET and HEAD are served here");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (liveReload && path.equals(BUILD_PATH)) {
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                send(exchange, 200, Long.toString(build.get()));
                return;
            }
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root)) {
                send(exchange, 403, "Outside the served folder");
                return;
            }
            if (Files.isDirectory(file)) {
                if (!path.endsWith("/")) {
                    exchange.getResponseHeaders().set("Location", path + "/");
                    exchange.sendResponseHeaders(301, -1);
                    return;
                }
                file = file.resolve("index.html");
            }
            if (!Files.isRegularFile(file)) {
                send(exchange, 404, "Not found: " + path);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", typeOf(file));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            if (liveReload && file.getFileName().toString().equals("index.html")) {
                byte[] body = Files.readString(file, StandardCharsets.UTF_8)
                        .replace("</body>", RELOAD_SCRIPT + "</body>").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : body.length);
                if (!method.equals("HEAD")) {
                    exchange.getResponseBody().write(body);
                }
                return;
            }
            long size = Files.size(file);
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        } catch (IOException e) {
            // the client went away mid-response; nothing else is affected
        }
    }

    static String typeOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
