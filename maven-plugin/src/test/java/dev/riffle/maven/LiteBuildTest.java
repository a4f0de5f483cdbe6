package dev.riffle.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds fixture apps as the plugin builds a user's project: the test classes stand in for the project's classes,
 * riffle-lite-runtime for its dependency, and this test's TeaVM jars for the plugin's own. The bundle's behaviour in a
 * browser is checked by the starter project's browser test.
 */
class LiteBuildTest {
    @TempDir
    Path work;

    private LiteBuild build(String app, List<String> warnings) {
        List<Path> project = new ArrayList<>();
        List<Path> teavm = new ArrayList<>();
        Path testClasses = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith("test-classes")) {
                testClasses = path;
            } else if (entry.contains("lite-runtime")) {
                project.add(path);
            } else {
                teavm.add(path);
            }
        }
        project.addFirst(testClasses);
        return new LiteBuild(app, project, teavm, work.resolve("wasm"), work.resolve("site"), true, warnings::add);
    }

    @Test
    void aUsersHandler_isCompiledIntoTheBundle_andTheSiteUsesIt() throws Exception {
        LiteBuild.Result result = build("dev.riffle.maven.fixtures.SepiaApp", new ArrayList<>()).run();

        assertEquals(List.of("sepia"), result.handlerIds());
        Path site = work.resolve("site");
        assertTrue(Files.size(site.resolve("riffle/wasm/riffle-lite.wasm")) > 1000);
        assertEquals(Files.size(work.resolve("wasm/wasm/app.wasm")), Files.size(result.bundle()),
                "the site carries the bundle just built, not the built-in one");
        assertTrue(Files.readString(site.resolve("app.json")).contains("\"sepia\""));
        assertTrue(Files.readString(site.resolve("index.html")).contains("renderApp"));
        assertTrue(Files.isRegularFile(site.resolve("riffle/wasm/classes.wasm-runtime.js")));
        String services = Files.readString(work.resolve("wasm/services/META-INF/services/dev.riffle.blocks.LiteApp"));
        assertEquals("dev.riffle.maven.fixtures.SepiaApp", services.strip());
    }

    @Test
    void handlersTheBrowserCannotRun_failTheBuild_namingTheirMethodsAndWhatToDo() {
        LiteBuild.Failure failure = assertThrows(LiteBuild.Failure.class,
                () -> build("dev.riffle.maven.fixtures.BrowserUnfriendlyApp", new ArrayList<>()).run());

        String message = failure.getMessage();
        assertTrue(message.startsWith("TeaVM cannot compile the Lite handlers to WebAssembly"), message);
        assertTrue(message.contains("dev.riffle.maven.fixtures.BrowserUnfriendlyApp$ReadsFile.handle"), message);
        assertTrue(message.contains("no files or sockets"), message);
        assertTrue(message.contains("dev.riffle.maven.fixtures.BrowserUnfriendlyApp$StartsThread.handle"), message);
        assertTrue(message.contains("Threads do not exist in a Lite handler"), message);
        assertTrue(message.contains("placement SERVER"), message);
    }

    @Test
    void aPageStreamingThroughAnUnlistedHandler_failsBeforeCompiling() {
        LiteBuild.Failure failure = assertThrows(LiteBuild.Failure.class,
                () -> build("dev.riffle.maven.fixtures.ForgetfulApp", new ArrayList<>()).run());

        assertTrue(failure.getMessage().contains("Handler 'flip' has no Wasm build in the Lite bundle; the bundle has"
                + " [sepia]. Add it to dev.riffle.maven.fixtures.ForgetfulApp.handlers()."), failure.getMessage());
        assertTrue(Files.notExists(work.resolve("wasm/wasm/app.wasm")), "nothing was compiled");
    }

    @Test
    void anAppClassThatIsNoLiteApp_orIsMissing_saysSo() {
        LiteBuild.Failure notAnApp = assertThrows(LiteBuild.Failure.class,
                () -> build("dev.riffle.maven.fixtures.NotAnApp", new ArrayList<>()).run());
        assertEquals("dev.riffle.maven.fixtures.NotAnApp (riffle-maven-plugin's <app>) must implement"
                + " dev.riffle.blocks.LiteApp", notAnApp.getMessage());

        LiteBuild.Failure missing = assertThrows(LiteBuild.Failure.class,
                () -> build("com.example.Nowhere", new ArrayList<>()).run());
        assertTrue(missing.getMessage().startsWith("The app class com.example.Nowhere (riffle-maven-plugin's <app>)"
                + " is not among the project's classes"), missing.getMessage());
    }
}
