package dev.riffle.maven;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.teavm.callgraph.CallGraphNode;
import org.teavm.callgraph.CallSite;
import org.teavm.dependency.DependencyInfo;
import org.teavm.model.MethodReference;
import org.teavm.model.TextLocation;

/**
 * What TeaVM compiles but a browser cannot give a handler: TeaVM emulates threads, files and some reflection well
 * enough to compile, and the handler then fails or misbehaves on the page. Riffle refuses such calls from the
 * project's own classes at build time, naming the calling method and what to do instead.
 */
final class BrowserCheck {
    static final String THREADS = "Threads do not exist in a Lite handler: each frame is handled on the"
            + " page's one thread.";
    static final String FILES = "The browser gives a Lite handler no files or sockets: pass data in through"
            + " the stream's inputs, or run this handler on the server (placement SERVER).";
    static final String REFLECTION = "Reflection is not available in WebAssembly: call the code directly.";

    private BrowserCheck() {
    }

    /** One refusal per calling method and called API, each with the caller, its line and what to do. */
    static List<String> calls(DependencyInfo info, Set<String> ownClasses) {
        Set<String> found = new TreeSet<>();
        for (MethodReference method : info.getReachableMethods()) {
            if (!ownClasses.contains(method.getClassName())) {
                continue;
            }
            CallGraphNode node = info.getCallGraph().getNode(method);
            if (node == null) {
                continue;
            }
            for (CallSite site : node.getCallSites()) {
                for (CallGraphNode called : site.getCalledMethods()) {
                    MethodReference target = called.getMethod();
                    String why = refusal(target);
                    if (why != null) {
                        found.add("  - " + method.getClassName() + "." + method.getName() + line(site, node)
                                + " calls " + target.getClassName() + "." + target.getName() + "\n      " + why);
                    }
                }
            }
        }
        return new ArrayList<>(found);
    }

    private static String line(CallSite site, CallGraphNode caller) {
        Collection<? extends TextLocation> locations = site.getLocations(caller);
        if (locations.isEmpty() || locations.iterator().next() == null) {
            return "";
        }
        TextLocation at = locations.iterator().next();
        String file = at.getFileName() == null ? "" : at.getFileName().substring(at.getFileName().lastIndexOf('/') + 1)
                + ":";
        return " (" + file + at.getLine() + ")";
    }

    /** Why calling {@code target} from a Lite handler is refused, or null when it is fine. */
    static String refusal(MethodReference target) {
        String cls = target.getClassName();
        String name = target.getName();
        if (cls.equals("java.lang.Thread") && (name.equals("start") || name.equals("sleep") || name.equals("join"))
                || cls.startsWith("java.util.concurrent.Executor") || cls.equals("java.util.concurrent.ForkJoinPool")
                || cls.equals("java.util.concurrent.CompletableFuture") && name.endsWith("Async")) {
            return THREADS;
        }
        if (cls.startsWith("java.nio.file.") || cls.startsWith("java.nio.channels.") || cls.equals("java.io.File")
                || cls.startsWith("java.io.File") || cls.equals("java.io.RandomAccessFile")
                || cls.equals("java.net.Socket") || cls.equals("java.net.ServerSocket")
                || cls.equals("java.net.URL") && name.startsWith("open") || cls.startsWith("java.net.http.")) {
            return FILES;
        }
        if (cls.startsWith("java.lang.reflect.") || cls.equals("java.lang.Class") && (name.equals("forName")
                || name.startsWith("getDeclared") || name.equals("getMethod") || name.equals("getMethods")
                || name.equals("getField") || name.equals("getFields") || name.startsWith("getConstructor")
                || name.equals("newInstance"))) {
            return REFLECTION;
        }
        return null;
    }
}
