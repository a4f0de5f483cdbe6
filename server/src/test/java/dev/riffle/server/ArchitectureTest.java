package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server's packages, read from its sources: they depend on each other without cycles, the internals never on the
 * public API, and the other modules use only the public API.
 */
class ArchitectureTest {
    /** the server's sources in its four modules: the core, WebRTC, the models, the embedded Jetty (this one) */
    private static final List<Path> SOURCES = List.of(Path.of("../server-core/src/main/java"),
            Path.of("../server-webrtc/src/main/java"), Path.of("../server-models/src/main/java"),
            Path.of("src/main/java"));
    private static final String ROOT = "dev.riffle.server";
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** an import, or a fully qualified name in code */
    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w.])(dev\\.riffle\\.server(?:\\.[a-z]\\w*)*)"
            + "\\.[A-Z]\\w*");
    /** What users may import: the API package, the models and speech tools, the WebRTC options, the queue backends. */
    private static final Set<String> API = Set.of(ROOT, ROOT + ".models", ROOT + ".speech",
            ROOT + ".transport.webrtc.WebRtcOptions", ROOT + ".queue.QueueBackend", ROOT + ".redis");

    @Test
    void packages_haveNoCycles() {
        Map<String, Set<String>> graph = graph(SOURCES);
        List<String> cycle = findCycle(graph);
        assertTrue(cycle.isEmpty(), "package cycle: " + String.join(" -> ", cycle) + "\ngraph: " + graph);
    }

    @Test
    void internals_neverDependOnThePublicApi() {
        Map<String, Set<String>> graph = graph(SOURCES);
        for (var e : graph.entrySet()) {
            if (!e.getKey().equals(ROOT)) {
                assertTrue(!e.getValue().contains(ROOT), e.getKey() + " depends on " + ROOT + " (the public API)");
            }
        }
    }

    @Test
    void theLayers_areTheOnesDocumented() {
        Map<String, Set<String>> graph = graph(SOURCES);
        assertEquals(Set.of("queue", "wire"), relative(graph.get(ROOT + ".engine")));
        assertEquals(Set.of("engine", "wire"), relative(graph.get(ROOT + ".transport.websocket")));
        assertEquals(Set.of("engine", "wire"), relative(graph.get(ROOT + ".transport.webrtc")));
        assertEquals(Set.of("engine", "queue"), relative(graph.get(ROOT + ".http")));
        assertEquals(Set.of(), relative(graph.get(ROOT + ".queue")));
        assertEquals(Set.of(), relative(graph.get(ROOT + ".wire")));
    }

    @Test
    void otherModules_useOnlyThePublicApi() throws IOException {
        for (String module : List.of("../vaadin-ui/src", "../examples/src", "../e2e-tests/src",
                "../spring-boot-starter/src", "../examples-spring-boot/src")) {
            Path root = Path.of(module);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = Pattern.compile("^import (dev\\.riffle\\.server[\\w.]*)\\.([A-Z]\\w*);",
                            Pattern.MULTILINE).matcher(Files.readString(f));
                    while (m.find()) {
                        boolean api = API.contains(m.group(1)) || API.contains(m.group(1) + "." + m.group(2));
                        assertTrue(api, f + " imports the internal " + m.group(1) + "." + m.group(2));
                    }
                }
            }
        }
    }

    private static Set<String> relative(Set<String> packages) {
        Set<String> names = new TreeSet<>();
        packages.forEach(p -> names.add(p.substring(ROOT.length() + 1)));
        return names;
    }

    /** Package to the server packages its sources reference (itself left out). */
    private static Map<String, Set<String>> graph(List<Path> sources) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path root : sources) {
            graph(root, graph);
        }
        return graph;
    }

    private static void graph(Path sources, Map<String, Set<String>> graph) {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher p = PACKAGE.matcher(text);
                if (!p.find() || !p.group(1).startsWith(ROOT)) {
                    continue;
                }
                Set<String> deps = graph.computeIfAbsent(p.group(1), k -> new TreeSet<>());
                String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher r = REFERENCE.matcher(code);
                while (r.find()) {
                    if (!r.group(1).equals(p.group(1))) {
                        deps.add(r.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> findCycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(start, graph, state, path)) {
                return path;
            }
        }
        return List.of();
    }

    /** Depth-first: 1 = on the current path, 2 = done. True with the cycle in {@code path} when one is found. */
    private static boolean visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
            List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return false;
        }
        path.add(node);
        if (s != null && s == 1) {
            return true;
        }
        state.put(node, 1);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (visit(next, graph, state, path)) {
                return true;
            }
        }
        state.put(node, 2);
        path.remove(path.size() - 1);
        return false;
    }
}
