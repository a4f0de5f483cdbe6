package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.filters.Filters;
import dev.riffle.handler.Inputs;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.engine.Wire;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream mounted with {@link RiffleMount} into servers the user runs, under a context path: an embedded Tomcat 11
 * (Spring Boot's container) and a Jetty 12 the user builds. Its page, the client's files, a WebSocket session with a
 * real frame, and the origin rule, each as a browser or a FastRTC client meets them.
 */
class RiffleMountTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private static RiffleMount flip() {
        return RiffleMount.create().mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).build());
    }

    @Test
    void tomcat_contextPathApp(@TempDir Path dir) throws Exception {
        RiffleMount riffle = flip();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(dir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        File docBase = Files.createDirectories(dir.resolve("docs")).toFile();
        Context context = tomcat.addContext("/app", docBase.getAbsolutePath());
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) -> riffle.install(servletContext), null);
        tomcat.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app");
            assertServes(base, riffle);
        } finally {
            riffle.close();
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void jettyTheUserBuilds_contextPathCtx() throws Exception {
        RiffleMount riffle = flip();
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/ctx");
        JakartaWebSocketServletContainerInitializer.configure(context,
                (servletContext, container) -> riffle.install(servletContext, container));
        jetty.setHandler(context);
        jetty.start();
        try {
            assertServes(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/ctx"), riffle);
        } finally {
            riffle.close();
            jetty.stop();
        }
    }

    /**
     * A Lite app with its own bundle, a Blocks app with a server stream and a stream mounted while the app runs (as a
     * Vaadin view mounts it), in a Tomcat whose WebSocket initializer runs after Riffle's (endpoints join once the
     * context has initialized) - the order Spring Boot's initializers may take.
     */
    @Test
    void tomcat_appsAndLiveStreams_webSocketInitializerLast(@TempDir Path dir) throws Exception {
        RiffleMount riffle = RiffleMount.create()
                .liteApp("/tone", new LiteAppServingTest.ToneApp())
                .app("/flipper", LiteAppServingTest.page(dev.riffle.blocks.Placement.SERVER));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(dir.toString());
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("/app", Files.createDirectories(dir.resolve("docs")).toString());
        context.addServletContainerInitializer((classes, servletContext) -> riffle.install(servletContext), null);
        context.addServletContainerInitializer(new WsSci(), null);
        tomcat.start();
        try {
            String base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app";
            assertEquals(riffle, StreamHost.of(context.getServletContext()), "the context's stream host");

            HttpResponse<String> tone = get(base + "/tone/");
            assertEquals(200, tone.statusCode());
            assertTrue(tone.body().contains("\"bundle\":\"/app/tone/bundle.wasm\""), tone.body());
            assertTrue(tone.body().contains("\"fallback\":\"/app/tone/streams/0\""), tone.body());
            HttpResponse<byte[]> wasm = http.send(HttpRequest.newBuilder(URI.create(base + "/tone/bundle.wasm"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("application/wasm", wasm.headers().firstValue("Content-Type").orElse(""));
            assertEquals(0x6d736100, java.nio.ByteBuffer.wrap(wasm.body()).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getInt(), "a WebAssembly module");
            assertEquals(302, get(base + "/flipper").statusCode(), "the app's page is a folder");
            HttpResponse<String> flipper = get(base + "/flipper/");
            assertTrue(flipper.body().contains("\"server\":\"/app/flipper/streams/0\""), flipper.body());
            assertEquals(404, get(base + "/flipper/other").statusCode());

            Stream live = riffle.mountLive("demo.View.flip",
                    () -> Stream.video(Filters.FLIP).concurrencyLimit(null).build());
            assertEquals("/app/riffle/streams/demo.View.flip", live.path(), "as the browser requests it");
            assertEquals(live, riffle.mountLive("demo.View.flip", () -> {
                throw new AssertionError("mounted once");
            }));
            for (String ws : new String[] {"/flipper/streams/0/websocket", "/riffle/streams/demo.View.flip/websocket"}) {
                try (WsTestClient c = new WsTestClient(URI.create("ws://" + URI.create(base).getAuthority() + "/app"
                        + ws))) {
                    c.start("raw");
                    c.nextQueue("admitted");
                    VideoFrame in = StreamSocketTest.scene(8, 6, 1);
                    c.sendFrame(in, 1);
                    assertEquals(8, c.nextFrame().decode().width(), ws);
                }
                try (WsTestClient foreign = new WsTestClient(URI.create("ws://" + URI.create(base).getAuthority()
                        + "/app" + ws), "http://evil.example")) {
                    assertEquals("origin_not_allowed", foreign.next("error").get("error").get("code").asText(), ws);
                }
            }
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/riffle/streams/demo.View.flip/input_hook")).header("Origin", "http://evil.example")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"webrtc_id\":\"x\",\"inputs\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, post.statusCode(), "live streams keep the origin rule");
        } finally {
            riffle.close();
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /**
     * A Jetty that already runs: servlets cannot join a started context, so Riffle gets a context of its own, added
     * to the running server's handler collection and started there - the user's context keeps serving.
     */
    @Test
    void aJettyThatAlreadyRuns_takesRiffleInAContextOfItsOwn() throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        ServletContextHandler users = new ServletContextHandler("/shop");
        users.addServlet(new org.eclipse.jetty.ee11.servlet.ServletHolder(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void doGet(jakarta.servlet.http.HttpServletRequest req,
                    jakarta.servlet.http.HttpServletResponse resp) throws java.io.IOException {
                resp.getWriter().write("the shop");
            }
        }), "/*");
        contexts.addHandler(users);
        jetty.setHandler(contexts);
        jetty.start();
        RiffleMount riffle = flip();
        try {
            ServletContextHandler mine = new ServletContextHandler("/riffle");
            JakartaWebSocketServletContainerInitializer.configure(mine,
                    (servletContext, container) -> riffle.install(servletContext, container));
            contexts.addHandler(mine);
            mine.start();
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            assertServes(URI.create(base + "/riffle"), riffle);
            assertEquals("the shop", get(base + "/shop/").body(), "the user's context goes on");
        } finally {
            riffle.close();
            jetty.stop();
        }
    }

    private void assertServes(URI base, RiffleMount riffle) throws Exception {
        HttpResponse<String> page = get(base + "/flip/");
        assertEquals(200, page.statusCode());
        String path = base.getPath();
        assertTrue(page.body().contains("'" + path + "/frontend/riffle/lite-page.js'"), "the client under the context"
                + " path: " + page.body());
        assertTrue(page.body().contains("\"server\":\"" + path + "/flip\""), "the stream under the context path");
        HttpResponse<String> client = get(base + "/frontend/riffle/lite-page.js");
        assertEquals(200, client.statusCode());
        assertTrue(client.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(client.body().contains("renderApp"));
        assertEquals(404, get(base + "/frontend/riffle/../../WEB-INF/web.xml").statusCode());

        URI ws = URI.create("ws://" + base.getAuthority() + path + "/flip/websocket");
        try (WsTestClient c = new WsTestClient(ws)) {
            c.start("raw");
            c.nextQueue("admitted");
            VideoFrame in = StreamSocketTest.scene(16, 12, 3);
            c.sendFrame(in, 1);
            VideoFrame expected = VideoFrame.allocate(16, 12);
            Filters.FLIP.create().handle(in, expected, Inputs.none());
            assertArrayEquals(expected.toByteArray(), c.nextFrame().decode().toByteArray());
            assertEquals(1, riffle.sessionCount());
        }

        try (WsTestClient foreign = new WsTestClient(ws, "http://evil.example")) {
            JsonNode error = foreign.next("error").get("error");
            assertEquals("origin_not_allowed", error.get("code").asText());
            assertEquals(1008, foreign.awaitClose());
        }
        try (WsTestClient own = new WsTestClient(ws, "http://" + base.getAuthority())) {
            own.start("raw");
            own.nextQueue("admitted");
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/flip/input_hook"))
                .header("Origin", "http://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"webrtc_id\":\"x\",\"inputs\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, post.statusCode());
        assertEquals("origin_not_allowed", Wire.JSON.readTree(post.body()).path("error").path("code").asText());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
