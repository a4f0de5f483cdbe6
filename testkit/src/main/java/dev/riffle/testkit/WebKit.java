package dev.riffle.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * WebKit (WebKitGTK's MiniBrowser, Debian's {@code webkit2gtk-driver}) driven over W3C WebDriver by
 * {@code WebKitWebDriver}, from the JDK's HTTP client. MiniBrowser has no headless mode: an {@code Xvfb} display is
 * started for it (unless {@link Options#display} names one). Its camera and microphone are WebKit's mock capture
 * devices ({@code --enable-mock-capture-devices}): a 640x480 test pattern (clock, counter, colour bars) and a tone;
 * they cannot play a file. Each {@link #newTab()} is a WebDriver session of its own (a fresh MiniBrowser).
 */
public final class WebKit implements AutoCloseable {
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Options options;
    private final Process xvfb;
    private final Process driver;
    private final URI endpoint;

    /** Launch options: the driver and Xvfb executables, the display. */
    public static final class Options {
        private Path driver = Path.of(System.getProperty("riffle.webkitdriver", "/usr/bin/WebKitWebDriver"));
        private Path xvfb = Path.of(System.getProperty("riffle.xvfb", "/usr/bin/Xvfb"));
        private String display;
        private boolean devices = true;

        private Options() {
        }

        /** The WebKitWebDriver executable (default: property {@code riffle.webkitdriver}, else /usr/bin's). */
        public Options driver(Path path) {
            this.driver = path;
            return this;
        }

        /** An X display to use (e.g. {@code :0}) instead of starting Xvfb. */
        public Options display(String name) {
            this.display = name;
            return this;
        }

        /** No mock camera or microphone. */
        public Options noDevices() {
            this.devices = false;
            return this;
        }

        /** The driver executable this launches. */
        public Path driver() {
            return driver;
        }
    }

    /** Default options. */
    public static Options options() {
        return new Options();
    }

    /** Whether the driver (and Xvfb, when needed) {@code options} name are there to launch. */
    public static boolean available(Options options) {
        return Files.isExecutable(options.driver) && (options.display != null || Files.isExecutable(options.xvfb));
    }

    /** Starts Xvfb (unless a display is given) and WebKitWebDriver on a free port of 127.0.0.1. */
    public static WebKit launch(Options options) {
        try {
            return new WebKit(options);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not launch WebKitWebDriver (" + options.driver + ")", e);
        }
    }

    private WebKit(Options options) throws IOException {
        if (!available(options)) {
            throw new IllegalStateException("No WebKitWebDriver at " + options.driver + " (or no Xvfb at " + options.xvfb
                    + "): install webkit2gtk-driver and xvfb (apt-get install webkit2gtk-driver xvfb)");
        }
        this.options = options;
        String display = options.display;
        Process x = null;
        if (display == null) {
            // Xvfb picks a free display number and writes it to stdout
            x = new ProcessBuilder(options.xvfb.toString(), "-displayfd", "1", "-nolisten", "tcp", "-screen", "0",
                    "1280x1024x24").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String number = new BufferedReader(new InputStreamReader(x.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (number == null || !number.trim().matches("\\d+")) {
                x.destroyForcibly();
                throw new IOException("Xvfb named no display (it printed " + number + ")");
            }
            display = ":" + number.trim();
        }
        xvfb = x;
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(options.driver.toString(), "--port=" + port, "--host=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DISPLAY", display);
        driver = builder.start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        try {
            awaitStatus();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void awaitStatus() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                HttpResponse<String> status = http.send(HttpRequest.newBuilder(endpoint.resolve("/status")).GET()
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (status.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | java.net.http.HttpTimeoutException e) {
                // not listening (or answering) yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while WebKitWebDriver started", e);
            }
            if (!driver.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("WebKitWebDriver did not answer on " + endpoint + " within 30 s (alive: "
                        + driver.isAlive() + ")");
            }
            // the driver opens its port a moment after it starts; nothing to wait on but the port itself
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
    }

    /** A new tab: a WebDriver session of its own (a fresh MiniBrowser). */
    public BrowserTab newTab() {
        ObjectNode browserOptions = JsonNodeFactory.instance.objectNode();
        // once args are given, --automation must be among them or the session never starts
        List<String> args = options.devices ? List.of("--automation", "--enable-mock-capture-devices=true")
                : List.of("--automation");
        browserOptions.set("args", json.valueToTree(args));
        ObjectNode always = JsonNodeFactory.instance.objectNode();
        always.set("webkitgtk:browserOptions", browserOptions);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("capabilities", JsonNodeFactory.instance.objectNode().set("alwaysMatch", always));
        JsonNode session = request("POST", "/session", body);
        String id = session.path("sessionId").asText();
        Tab tab = new Tab("/session/" + id, session.path("capabilities").path("browserVersion").asText("?"));
        tab.command("POST", "/timeouts", Map.of("script", 120_000, "pageLoad", 60_000));
        tab.command("POST", "/window/rect", Map.of("width", 1280, "height", 800));
        return tab;
    }

    @Override
    public void close() {
        stop(driver);
        stop(xvfb);
    }

    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        // the driver's MiniBrowser and web processes too
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode request(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofMinutes(3));
            if ("POST".equals(method)) {
                request.header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode value = json.readTree(response.body()).path("value");
            if (response.statusCode() != 200) {
                throw new BrowserTab.BrowserException("WebKitWebDriver refused " + method + " " + path + ": "
                        + value.path("error").asText() + ": " + value.path("message").asText());
            }
            return value;
        } catch (IOException e) {
            throw new BrowserTab.BrowserException("WebKitWebDriver did not answer " + method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrowserTab.BrowserException("Interrupted waiting for WebKitWebDriver", e);
        }
    }

    /** A WebDriver session. */
    private final class Tab implements BrowserTab {
        private final String session;
        private final String version;

        Tab(String session, String version) {
            this.session = session;
            this.version = version;
        }

        JsonNode command(String method, String path, Object body) {
            return request(method, session + path, body);
        }

        @Override
        public void navigate(String url) {
            command("POST", "/url", Map.of("url", url));
        }

        @Override
        public Object call(String function, Object... args) {
            JsonNode result;
            try {
                result = command("POST", "/execute/sync", Map.of("script", "return (" + function
                        + ").apply(null, arguments);", "args", Arrays.asList(args)));
            } catch (BrowserException e) {
                throw new BrowserException("The page threw in webkit: " + e.getMessage(), e);
            }
            return json.convertValue(result, Object.class);
        }

        @Override
        public void click(String selector) {
            // found by script (through shadow roots, as the other browsers' tabs do), clicked by the driver
            JsonNode element = command("POST", "/execute/sync", Map.of("script", "const e = (" + QUERY
                    + ")(arguments[0]); if (!e) throw new Error('nothing matches ' + arguments[0]); return e;",
                    "args", List.of(selector)));
            command("POST", "/element/" + element.path(ELEMENT).asText() + "/click", Map.of());
        }

        @Override
        public byte[] screenshot() {
            return Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
        }

        @Override
        public String browser() {
            return "webkit " + version;
        }

        @Override
        public void close() {
            try {
                request("DELETE", session, null);
            } catch (BrowserException e) {
                // the driver may be gone already
            }
        }
    }
}
