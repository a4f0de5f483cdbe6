package dev.riffle.e2e;

import dev.riffle.blocks.StaticServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests of the exported Lite pages ({@code examples/target/lite}) served by one static server per class. */
abstract class LiteSiteTests {
    static StaticServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = StaticServer.start(LitePageTestBase.liteDir(), 0);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
