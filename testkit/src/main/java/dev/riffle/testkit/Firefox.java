package dev.riffle.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Firefox (Debian's {@code firefox-esr} or any Firefox 120+) driven over WebDriver BiDi, Firefox's own
 * remote protocol: no geckodriver, no Selenium - a WebSocket from the JDK. Its fake camera and microphone are
 * Firefox's ({@code media.navigator.streams.fake}): 640x480 green frames with a moving counter strip, and a tone;
 * they cannot play a file. Each {@link #newTab()} lives in a user context of its own (no cookies or storage shared).
 *
 * <pre>{@code
 * try (Firefox firefox = Firefox.launch(Firefox.options());
 *         BrowserTab tab = firefox.newTab()) {
 *     RifflePage page = new RifflePage(tab).open("http://127.0.0.1:8000/");
 *     page.startWebcam().awaitProcessed(10);
 * }
 * }</pre>
 */
public final class Firefox implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final String version;
    /** Why the BiDi socket is gone, once it is: later commands fail at once instead of waiting. */
    private volatile RuntimeException gone;

    /** Launch options: the binary, preferences. */
    public static final class Options {
        private Path binary = Path.of(System.getProperty("riffle.firefox", "/usr/bin/firefox-esr"));
        private boolean devices = true;
        private final Map<String, Object> prefs = new LinkedHashMap<>();

        private Options() {
        }

        /** The Firefox executable (default: system property {@code riffle.firefox}, else /usr/bin/firefox-esr). */
        public Options binary(Path path) {
            this.binary = path;
            return this;
        }

        /** No fake camera or microphone: getUserMedia finds none. */
        public Options noDevices() {
            this.devices = false;
            return this;
        }

        /**
         * Sets a Firefox preference ({@code about:config}), e.g. {@code javascript.options.wasm_gc = false} for a
         * browser without WebAssembly GC.
         */
        public Options pref(String name, Object value) {
            prefs.put(name, value);
            return this;
        }

        /** The executable this launches. */
        public Path binary() {
            return binary;
        }
    }

    /** Default options. */
    public static Options options() {
        return new Options();
    }

    /** Whether the executable {@code options} names is there to launch. */
    public static boolean available(Options options) {
        return Files.isExecutable(options.binary);
    }

    /** Starts Firefox headless with a fresh profile and opens a BiDi session on it. */
    public static Firefox launch(Options options) {
        try {
            return new Firefox(options);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not launch Firefox (" + options.binary + ")", e);
        }
    }

    private Firefox(Options options) throws IOException {
        if (!available(options)) {
            throw new IllegalStateException("No Firefox at " + options.binary + ": install firefox-esr (apt-get install"
                    + " firefox-esr) or name one with -Driffle.firefox=");
        }
        profile = Files.createTempDirectory("riffle-firefox");
        Map<String, Object> prefs = new LinkedHashMap<>();
        if (options.devices) {
            // both are needed: without the first "no camera", without the second getUserMedia never answers
            prefs.put("media.navigator.streams.fake", true);
            prefs.put("media.navigator.permission.disabled", true);
        }
        prefs.put("browser.shell.checkDefaultBrowser", false);
        prefs.put("datareporting.policy.dataSubmissionEnabled", false);
        prefs.put("app.update.disabledForTesting", true);
        prefs.putAll(options.prefs);
        StringBuilder userJs = new StringBuilder();
        prefs.forEach((name, value) -> userJs.append("user_pref(").append(json.<JsonNode>valueToTree(name).toString())
                .append(", ").append(json.<JsonNode>valueToTree(value).toString()).append(");\n"));
        try {
            Files.writeString(profile.resolve("user.js"), userJs);
            process = new ProcessBuilder(options.binary.toString(), "--headless", "--no-remote", "--profile",
                    profile.toString(), "--remote-debugging-port=0")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            deleteProfile();
            throw e;
        }
        URI endpoint;
        try {
            endpoint = URI.create(awaitEndpoint(process) + "/session");
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, new Listener())
                    .get(30, TimeUnit.SECONDS);
            JsonNode session = send("session.new", object().set("capabilities", object()));
            version = session.path("capabilities").path("browserVersion").asText("?");
        } catch (IOException | RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
            kill(process);
            deleteProfile();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("Firefox did not start its WebDriver BiDi session: " + e.getMessage(), e);
        }
    }

    /** Reads Firefox's stderr until it says where BiDi listens; a thread keeps draining it afterwards. */
    private static String awaitEndpoint(Process process) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<String> found = new CompletableFuture<>();
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = err.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        found.complete(m.group(1));
                    } else if (!found.isDone() && seen.size() < 50) {
                        seen.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            found.complete(null);
        }, "firefox-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            String url = found.get(60, TimeUnit.SECONDS);
            if (url == null) {
                throw new IOException("Firefox exited without a BiDi endpoint; it said: " + said(seen));
            }
            return url;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while Firefox started", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("Firefox named no BiDi endpoint in 60 s; it said: " + said(seen), e);
        }
    }

    private static String said(List<String> lines) {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Ends the process and everything it started (content processes), waiting for them. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A new tab in a user context of its own. */
    public BrowserTab newTab() {
        String userContext = send("browser.createUserContext", object()).path("userContext").asText();
        String context = send("browsingContext.create", object().put("type", "tab").put("userContext", userContext))
                .path("context").asText();
        ObjectNode viewport = object().put("width", 1280).put("height", 800);
        send("browsingContext.setViewport", object().put("context", context).set("viewport", viewport));
        return new Tab(context, userContext);
    }

    /** Firefox's version, e.g. 153.8.0. */
    public String version() {
        return version;
    }

    @Override
    public void close() {
        try {
            send("browser.close", object());
        } catch (RuntimeException e) {
            // closing anyway
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill(process);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
        }
        socket.abort();
        deleteProfile();
    }

    private void deleteProfile() {
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: left for the system to clean
        }
    }

    private ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Sends a command and waits for its result. */
    private JsonNode send(String method, ObjectNode params) {
        if (gone != null) {
            throw new BrowserTab.BrowserException("Firefox is gone (" + gone.getMessage() + "); cannot " + method, gone);
        }
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode command = object().put("id", id).put("method", method);
        command.set("params", params);
        try {
            synchronized (socket) {
                socket.sendText(json.writeValueAsString(command), true).get(30, TimeUnit.SECONDS);
            }
            JsonNode message = answer.get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if ("error".equals(message.path("type").asText())) {
                throw new BrowserTab.BrowserException("Firefox refused " + method + ": "
                        + message.path("error").asText() + ": " + message.path("message").asText());
            }
            return message.path("result");
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new BrowserTab.BrowserException("Firefox did not answer " + method + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrowserTab.BrowserException("Interrupted waiting for Firefox", e);
        } finally {
            pending.remove(id);
        }
    }

    /** Collects each message (sent in parts when large) and completes the command it answers. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    JsonNode node = json.readTree(message);
                    if (node.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.get(node.get("id").asInt());
                        if (answer != null) {
                            answer.complete(node);
                        }
                    }
                } catch (IOException e) {
                    // not JSON: nothing waits for it
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            BrowserTab.BrowserException closed = new BrowserTab.BrowserException("Firefox closed its BiDi socket: "
                    + statusCode + " " + reason);
            gone = closed;
            pending.values().forEach(f -> f.completeExceptionally(closed));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            gone = new BrowserTab.BrowserException("Firefox's BiDi socket failed: " + error, error);
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }

    /** A tab: a browsing context in its own user context. */
    private final class Tab implements BrowserTab {
        private final String context;
        private final String userContext;

        Tab(String context, String userContext) {
            this.context = context;
            this.userContext = userContext;
        }

        @Override
        public void navigate(String url) {
            send("browsingContext.navigate", object().put("context", context).put("url", url).put("wait", "complete"));
        }

        @Override
        public Object call(String function, Object... args) {
            return remoteValue(callRaw(function, args));
        }

        private JsonNode callRaw(String function, Object... args) {
            ArrayNode arguments = JsonNodeFactory.instance.arrayNode();
            for (Object arg : args) {
                arguments.add(localValue(arg));
            }
            ObjectNode params = object().put("functionDeclaration", function).put("awaitPromise", true)
                    .put("resultOwnership", "none");
            params.set("target", object().put("context", context));
            params.set("arguments", arguments);
            JsonNode result = send("script.callFunction", params);
            if ("exception".equals(result.path("type").asText())) {
                throw new BrowserException("The page threw in firefox: "
                        + result.path("exceptionDetails").path("text").asText());
            }
            return result.path("result");
        }

        @Override
        public void click(String selector) {
            JsonNode element = callRaw("(s) => { const e = (" + QUERY + ")(s); if (!e) throw new Error("
                    + "'nothing matches ' + s); e.scrollIntoView({ block: 'center' }); return e; }", selector);
            ObjectNode origin = object().put("type", "element");
            origin.set("element", object().put("sharedId", element.path("sharedId").asText()));
            ArrayNode steps = JsonNodeFactory.instance.arrayNode();
            ObjectNode move = object().put("type", "pointerMove").put("x", 0).put("y", 0);
            move.set("origin", origin);
            steps.add(move);
            steps.add(object().put("type", "pointerDown").put("button", 0));
            steps.add(object().put("type", "pointerUp").put("button", 0));
            ObjectNode mouse = object().put("type", "pointer").put("id", "mouse");
            mouse.set("parameters", object().put("pointerType", "mouse"));
            mouse.set("actions", steps);
            ObjectNode params = object().put("context", context);
            params.set("actions", JsonNodeFactory.instance.arrayNode().add(mouse));
            send("input.performActions", params);
        }

        @Override
        public byte[] screenshot() {
            return Base64.getDecoder().decode(send("browsingContext.captureScreenshot",
                    object().put("context", context)).path("data").asText());
        }

        @Override
        public String browser() {
            return "firefox " + version;
        }

        @Override
        public void close() {
            try {
                send("browsingContext.close", object().put("context", context));
                send("browser.removeUserContext", object().put("userContext", userContext));
            } catch (BrowserException e) {
                // the browser may be gone already
            }
        }

        private JsonNode localValue(Object arg) {
            if (arg == null) {
                return object().put("type", "null");
            } else if (arg instanceof String s) {
                return object().put("type", "string").put("value", s);
            } else if (arg instanceof Boolean b) {
                return object().put("type", "boolean").put("value", b);
            } else if (arg instanceof Number n) {
                return object().put("type", "number").put("value", n.doubleValue());
            } else if (arg instanceof List<?> list) {
                ArrayNode values = JsonNodeFactory.instance.arrayNode();
                list.forEach(v -> values.add(localValue(v)));
                return object().put("type", "array").set("value", values);
            }
            throw new IllegalArgumentException("Cannot pass a " + arg.getClass().getName() + " to the page");
        }

        /** A BiDi remote value as JSON values; a node or other object without a JSON form as a map of its type. */
        private Object remoteValue(JsonNode node) {
            JsonNode value = node.path("value");
            switch (node.path("type").asText()) {
                case "string":
                    return value.asText();
                case "boolean":
                    return value.asBoolean();
                case "number":
                    if (value.isTextual()) {
                        // NaN, -0, Infinity, -Infinity
                        return "-0".equals(value.asText()) ? -0.0 : Double.valueOf(value.asText());
                    }
                    return value.isIntegralNumber() && value.canConvertToInt() ? (Object) value.asInt()
                            : (Object) value.asDouble();
                case "array":
                case "set": {
                    List<Object> list = new ArrayList<>();
                    value.forEach(v -> list.add(remoteValue(v)));
                    return list;
                }
                case "object":
                case "map": {
                    Map<String, Object> map = new LinkedHashMap<>();
                    value.forEach(pair -> {
                        JsonNode key = pair.get(0);
                        map.put(key.isTextual() ? key.asText() : String.valueOf(remoteValue(key)),
                                remoteValue(pair.get(1)));
                    });
                    return map;
                }
                case "undefined":
                case "null":
                    return null;
                default: {
                    // a node, window, function, promise...: what BiDi says of it (sharedId for nodes)
                    Map<String, Object> handle = new LinkedHashMap<>();
                    handle.put("type", node.path("type").asText());
                    if (node.has("sharedId")) {
                        handle.put("sharedId", node.get("sharedId").asText());
                    }
                    return handle;
                }
            }
        }
    }
}
