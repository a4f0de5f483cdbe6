package dev.riffle.blocks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the browser client's script modules a page loads: {@code lite-page.js}, the modules of the elements its
 * layout uses, its runners (Lite, server) and the TeaVM loader, with everything they import statically - read from
 * the client's own files, so that the list follows the code. Dynamic {@code import()}s are not followed: they are
 * the choices (an element, a runner) this class makes from the app. Internal.
 */
final class ClientModules {
    private static final String ROOT = "META-INF/resources/frontend/riffle/";
    /** {@code import ... from './x.js'} and {@code export ... from './x.js'}, over several lines if need be. */
    private static final Pattern STATIC_IMPORT = Pattern.compile(
            "(?m)^\\s*(?:import|export)\\s*(?:[^'\";]*?\\sfrom\\s*)?['\"]\\./([\\w.-]+\\.js)['\"]");
    private static final Map<String, List<String>> IMPORTS = new ConcurrentHashMap<>();

    private ClientModules() {
    }

    /** The modules (paths under the client's folder) a page of {@code app} loads, each once, importers first. */
    static List<String> needed(Blocks app, boolean liteStreams, boolean serverStreams) {
        List<String> entries = new ArrayList<>();
        entries.add("lite-page.js");
        for (Component c : app.components()) {
            String element = element(c);
            if (element != null && !entries.contains(element + ".js")) {
                entries.add(element + ".js");
            }
        }
        if (liteStreams) {
            entries.add("lite-runner.js");
            entries.add("wasm/classes.wasm-runtime.js");
        }
        if (serverStreams) {
            entries.add("server-connection.js");
        }
        Set<String> all = new LinkedHashSet<>();
        for (String entry : entries) {
            collect(entry, all);
        }
        return List.copyOf(all);
    }

    /** The custom element lite-page.js renders for {@code c}, or null for plain HTML. */
    private static String element(Component c) {
        return switch (c.type()) {
            case "slider", "number", "textbox", "button", "dropdown" -> "riffle-" + c.type();
            case "image" -> ((MediaComponent) c).hasSource("webcam") ? "riffle-webcam" : "riffle-image";
            case "audio" -> ((MediaComponent) c).hasSource("microphone") ? "riffle-microphone" : "riffle-audio";
            default -> null;
        };
    }

    private static void collect(String module, Set<String> all) {
        if (!all.add(module)) {
            return;
        }
        for (String imported : IMPORTS.computeIfAbsent(module, ClientModules::read)) {
            collect(imported, all);
        }
    }

    private static List<String> read(String module) {
        if (module.startsWith("wasm/")) {
            return List.of(); // TeaVM's loader imports nothing
        }
        try (InputStream in = ClientModules.class.getClassLoader().getResourceAsStream(ROOT + module)) {
            if (in == null) {
                throw new IllegalStateException("No " + ROOT + module + " on the class path");
            }
            Matcher m = STATIC_IMPORT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<String> imports = new ArrayList<>();
            while (m.find()) {
                imports.add(m.group(1));
            }
            return imports;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + ROOT + module, e);
        }
    }
}
