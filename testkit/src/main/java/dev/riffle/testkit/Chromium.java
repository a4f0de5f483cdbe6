package dev.riffle.testkit;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Launches headless Chromium for media tests: a fake camera and microphone fed from files, permission prompts
 * answered yes (or no), autoplay allowed, and the background traffic of a normal browser turned off.
 *
 * <p>The browser is the system's Chromium when one is found (system property {@code riffle.chromium}, else
 * {@code /usr/bin/chromium}); otherwise Playwright's own download is used. Close the returned {@link Session}.
 *
 * <pre>{@code
 * try (Chromium.Session chromium = Chromium.launch(Chromium.options().camera(y4m))) {
 *     Page page = chromium.browser().newPage();
 * }
 * }</pre>
 */
public final class Chromium {
    private Chromium() {
    }

    /** Default options: fake devices on (a generated pattern and beep unless files are given), prompts accepted. */
    public static Options options() {
        return new Options();
    }

    /** Launches Chromium with {@code options}. */
    public static Session launch(Options options) {
        Path executable = executable();
        Playwright.CreateOptions create = new Playwright.CreateOptions();
        if (executable != null) {
            create.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
        }
        Playwright playwright = Playwright.create(create);
        try {
            BrowserType.LaunchOptions launch = new BrowserType.LaunchOptions().setHeadless(true)
                    .setArgs(options.args());
            if (executable != null) {
                launch.setExecutablePath(executable);
            }
            return new Session(playwright, playwright.chromium().launch(launch));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** The Chromium binary to use, or null for Playwright's own. */
    public static Path executable() {
        String configured = System.getProperty("riffle.chromium", "");
        if (!configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("riffle.chromium points to " + path + ", which is not executable");
            }
            return path;
        }
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** Launch options. */
    public static final class Options {
        private Path camera;
        private Path microphone;
        private boolean fakeDevices = true;
        private boolean acceptPrompts = true;
        private final List<String> extra = new ArrayList<>();

        /** Feeds the fake camera from a Y4M file (see {@link Y4mWriter}). */
        public Options camera(Path y4m) {
            this.camera = y4m;
            return this;
        }

        /** Feeds the fake microphone from a WAV file (see {@link WavWriter}). */
        public Options microphone(Path wav) {
            this.microphone = wav;
            return this;
        }

        /** Without fake devices, a machine with no camera has none: for "no camera" tests. */
        public Options noDevices() {
            this.fakeDevices = false;
            return this;
        }

        /** Answers camera and microphone prompts with "block": for "permission denied" tests. */
        public Options denyPermissions() {
            this.acceptPrompts = false;
            return this;
        }

        /** Adds a Chromium command-line switch of your own, e.g. {@code --lang=de}. */
        public Options arg(String commandLineSwitch) {
            extra.add(commandLineSwitch);
            return this;
        }

        List<String> args() {
            List<String> args = new ArrayList<>(List.of("--autoplay-policy=no-user-gesture-required",
                    "--disable-background-networking", "--disable-quic", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-gpu", "--no-sandbox",
                    "--allow-loopback-in-peer-connection"));
            if (fakeDevices) {
                args.add("--use-fake-device-for-media-stream");
            }
            if (acceptPrompts) {
                args.add("--use-fake-ui-for-media-stream");
            } else {
                args.add("--deny-permission-prompts");
            }
            if (camera != null) {
                args.add("--use-file-for-fake-video-capture=" + camera.toAbsolutePath());
            }
            if (microphone != null) {
                args.add("--use-file-for-fake-audio-capture=" + microphone.toAbsolutePath());
            }
            args.addAll(extra);
            return args;
        }
    }

    /** A running browser and its Playwright driver; closing it closes both. */
    public record Session(Playwright playwright, Browser browser) implements AutoCloseable {
        @Override
        public void close() {
            try {
                browser.close();
            } finally {
                playwright.close();
            }
        }
    }
}
