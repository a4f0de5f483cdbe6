package dev.riffle.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.teavm.diagnostics.DefaultProblemTextConsumer;
import org.teavm.diagnostics.Problem;
import org.teavm.model.MethodReference;
import org.teavm.tooling.TeaVMTargetType;
import org.teavm.tooling.TeaVMTool;
import org.teavm.tooling.TeaVMToolException;
import org.teavm.tooling.TeaVMToolLog;
import org.teavm.vm.TeaVMOptimizationLevel;

/**
 * One build of a project's Lite app, without Maven: checks the {@code LiteApp} class on the JVM, compiles its
 * handlers with Riffle's Lite runtime to one Wasm GC bundle (TeaVM), and exports the static site with that bundle.
 * The mojos feed it the project's class path; the tests feed it fixtures.
 */
final class LiteBuild {
    static final String LITE_APP = "dev.riffle.blocks.LiteApp";
    static final String ENTRY = "dev.riffle.lite.LiteMain";
    static final String EXPORTER = "dev.riffle.blocks.LiteExporter";
    static final String BUNDLE = "app.wasm";

    /** Why a build failed, in words for the user; the mojos turn it into a build failure. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What a build made: the site, the bundle inside it, and the handler ids the bundle holds. */
    record Result(Path site, Path bundle, List<String> handlerIds, long millis) {
    }

    private final String appClass;
    private final List<Path> projectClassPath;
    private final List<Path> teavmClassPath;
    private final Path workDir;
    private final Path siteDir;
    private final boolean minify;
    private final Consumer<String> log;

    /**
     * @param appClass the project's {@code LiteApp} implementation
     * @param projectClassPath the project's classes first, then its runtime dependencies (riffle-lite-runtime)
     * @param teavmClassPath TeaVM's class library and what it needs (the plugin's own dependencies)
     * @param workDir where the bundle and TeaVM's files go
     * @param siteDir the exported site
     */
    LiteBuild(String appClass, List<Path> projectClassPath, List<Path> teavmClassPath, Path workDir, Path siteDir,
            boolean minify, Consumer<String> log) {
        this.appClass = appClass;
        this.projectClassPath = List.copyOf(projectClassPath);
        this.teavmClassPath = List.copyOf(teavmClassPath);
        this.workDir = workDir;
        this.siteDir = siteDir;
        this.minify = minify;
        this.log = log;
    }

    Result run() throws Failure {
        long start = System.nanoTime();
        // one loader and one app instance on the JVM: checked before anything is compiled, exported after
        try (URLClassLoader loader = projectLoader()) {
            Object app = newApp(loader);
            List<String> ids = checkApp(loader, app);
            Path bundle = compile();
            export(loader, app, bundle);
            addToClasses(bundle);
            return new Result(siteDir, siteDir.resolve("riffle/wasm/riffle-lite.wasm"), ids,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new Failure("Could not close the class loader of " + appClass + ": " + e, e);
        }
    }

    /** Checks the app (ids, page) on the JVM; returns its handler ids. */
    private List<String> checkApp(URLClassLoader loader, Object app) throws Failure {
        try {
            Class<?> liteApp = loader.loadClass(LITE_APP);
            loader.loadClass(EXPORTER).getMethod("check", liteApp).invoke(null, app);
            List<String> ids = new ArrayList<>();
            for (Object handler : (List<?>) liteApp.getMethod("handlers").invoke(app)) {
                ids.add((String) handler.getClass().getMethod("id").invoke(handler));
            }
            return ids;
        } catch (InvocationTargetException e) {
            throw userError(e.getCause(), "Checking " + appClass);
        } catch (ReflectiveOperationException e) {
            throw new Failure("Could not read the handlers of " + appClass + ": " + e, e);
        }
    }

    /** An exception from the user's code or Riffle's checks: their message as it is, others with what threw. */
    private static Failure userError(Throwable cause, String doing) {
        return new Failure(cause instanceof IllegalArgumentException || cause instanceof UncheckedIOException
                ? cause.getMessage() : doing + " threw " + cause, cause);
    }

    private Object newApp(URLClassLoader loader) throws Failure {
        Class<?> liteApp;
        try {
            liteApp = loader.loadClass(LITE_APP);
        } catch (ClassNotFoundException e) {
            throw new Failure("dev.riffle.blocks.LiteApp is not on the project's class path: add the dependency"
                    + " dev.riffle:riffle-lite-runtime (compile scope)");
        }
        Class<?> cls;
        try {
            cls = loader.loadClass(appClass);
        } catch (ClassNotFoundException e) {
            throw new Failure("The app class " + appClass + " (riffle-maven-plugin's <app>) is not among the"
                    + " project's classes; give its fully qualified name");
        }
        if (!liteApp.isAssignableFrom(cls)) {
            throw new Failure(appClass + " (riffle-maven-plugin's <app>) must implement dev.riffle.blocks.LiteApp");
        }
        try {
            return cls.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new Failure(appClass + " needs a public no-argument constructor: the browser creates it too");
        } catch (InvocationTargetException e) {
            throw new Failure("Creating " + appClass + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new Failure("Could not create " + appClass + ": " + e, e);
        }
    }

    /** Compiles the Lite runtime's entry with the app registered as the bundle's one LiteApp service. */
    private Path compile() throws Failure {
        Path services = workDir.resolve("services");
        Path out = workDir.resolve("wasm");
        try {
            Files.createDirectories(services.resolve("META-INF/services"));
            Files.writeString(services.resolve("META-INF/services/" + LITE_APP), appClass + "\n",
                    StandardCharsets.UTF_8);
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new Failure("Could not write to " + workDir + ": " + e.getMessage(), e);
        }
        List<Path> entries = new ArrayList<>();
        entries.add(services);
        entries.addAll(projectClassPath);
        entries.addAll(teavmClassPath);
        List<String> errors = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(urls(entries), TeaVMTool.class.getClassLoader())) {
            TeaVMTool tool = new TeaVMTool();
            tool.setTargetType(TeaVMTargetType.WEBASSEMBLY_GC);
            tool.setMainClass(ENTRY);
            tool.setClassLoader(loader);
            tool.setClassPath(entries.stream().map(Path::toFile).toList());
            tool.setTargetDirectory(out.toFile());
            tool.setTargetFileName(BUNDLE);
            tool.setOptimizationLevel(TeaVMOptimizationLevel.FULL);
            tool.setObfuscated(minify);
            tool.setLog(new QuietLog(log));
            tool.generate();
            Set<String> ownClasses = ownClasses();
            for (Problem problem : tool.getProblemProvider().getSevereProblems()) {
                errors.add(describe(problem, tool, ownClasses));
            }
            errors.addAll(BrowserCheck.calls(tool.getDependencyInfo(), ownClasses));
        } catch (TeaVMToolException | IOException | RuntimeException e) {
            throw new Failure("TeaVM failed while compiling the Lite handlers of " + appClass + ": " + e, e);
        }
        if (!errors.isEmpty()) {
            throw new Failure(explain(errors));
        }
        Path bundle = out.resolve(BUNDLE);
        if (!Files.isRegularFile(bundle)) {
            throw new Failure("TeaVM reported no error but wrote no " + bundle);
        }
        return bundle;
    }

    /** One problem: TeaVM's text, the user's method it comes from (or TeaVM's own location), and a hint. */
    private String describe(Problem problem, TeaVMTool tool, Set<String> ownClasses) {
        DefaultProblemTextConsumer text = new DefaultProblemTextConsumer();
        problem.render(text);
        StringBuilder stack = new StringBuilder();
        org.teavm.tooling.TeaVMProblemRenderer.renderCallStack(tool.getDependencyInfo().getCallGraph(),
                problem.getLocation(), stack);
        String where = null;
        for (String frame : stack.toString().split("\n    at ")) {
            String method = frame.strip();
            int dot = method.lastIndexOf('.', method.indexOf('(') < 0 ? method.length() : method.indexOf('('));
            if (dot > 0 && ownClasses.contains(method.substring(0, dot))) {
                where = method;
                break;
            }
        }
        if (where == null && problem.getLocation() != null && problem.getLocation().getMethod() != null) {
            MethodReference m = problem.getLocation().getMethod();
            where = m.getClassName() + "." + m.getName();
        }
        String message = text.getText();
        return "  - " + message + (where == null ? "" : "\n      in " + where) + hint(message);
    }

    static String hint(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        String why = null;
        if (m.contains("java.lang.thread") || m.contains("java.util.concurrent.executor")) {
            why = BrowserCheck.THREADS;
        } else if (m.contains("java.nio.file") || m.contains("java.io.file") || m.contains("java.net.")) {
            why = BrowserCheck.FILES;
        } else if (m.contains("java.lang.reflect") || m.contains("class.forname") || m.contains("getdeclared")) {
            why = BrowserCheck.REFLECTION;
        } else if (m.contains("was not found")) {
            why = "TeaVM has no such class or method: a JDK API it does not emulate, or a dependency missing from the"
                    + " project (compile scope).";
        }
        return why == null ? "" : "\n      " + why;
    }

    private static String explain(List<String> errors) {
        return "TeaVM cannot compile the Lite handlers to WebAssembly (" + errors.size() + " problem"
                + (errors.size() == 1 ? "" : "s") + "):\n" + String.join("\n", errors)
                + "\nLite handlers run in the visitor's browser: no reflection, threads, files or sockets, and only"
                + " the JDK classes TeaVM emulates. Handlers that need more run on a Riffle server (placement SERVER).";
    }

    /** The project's own classes folder: the first class path entry when it is a folder, else null. */
    private Path projectClasses() {
        Path classes = projectClassPath.isEmpty() ? null : projectClassPath.get(0);
        return classes != null && Files.isDirectory(classes) ? classes : null;
    }

    /** The names of the project's own classes. */
    private Set<String> ownClasses() throws IOException {
        Set<String> names = new HashSet<>();
        Path classes = projectClasses();
        if (classes == null) {
            return names;
        }
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                String relative = classes.relativize(f).toString();
                names.add(relative.substring(0, relative.length() - 6).replace(File.separatorChar, '.'));
            });
        }
        return names;
    }

    /** Runs the app's page builder on the JVM and writes the site with the new bundle. */
    private void export(URLClassLoader loader, Object app, Path bundle) throws Failure {
        try {
            Class<?> exporter = loader.loadClass(EXPORTER);
            Method export = exporter.getMethod("export", loader.loadClass(LITE_APP), Path.class, Path.class);
            export.invoke(null, app, siteDir, bundle);
        } catch (InvocationTargetException e) {
            throw userError(e.getCause(), "Exporting the site of " + appClass);
        } catch (ReflectiveOperationException e) {
            throw new Failure("Could not export the site of " + appClass + ": " + e, e);
        }
    }

    /**
     * Puts the bundle among the project's classes (the first class path entry), where a Riffle server serving the
     * app with placement AUTO or LITE finds it: {@code RiffleServer.liteApp(path, new SepiaApp())}.
     */
    private void addToClasses(Path bundle) throws Failure {
        Path classes = projectClasses();
        if (classes == null) {
            return;
        }
        Path target = classes.resolve(dev.riffle.blocks.LiteExporter.bundleResource(appClass));
        try {
            Files.createDirectories(target.getParent());
            Files.copy(bundle, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new Failure("Could not copy the bundle to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The project's classes, isolated from the plugin's (only the JDK's platform classes are shared). */
    private URLClassLoader projectLoader() {
        return new URLClassLoader(urls(projectClassPath), ClassLoader.getPlatformClassLoader());
    }

    private static URL[] urls(List<Path> paths) {
        URL[] urls = new URL[paths.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = paths.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("Bad class path entry " + paths.get(i), e);
            }
        }
        return urls;
    }

    /** TeaVM's progress and warnings, without the errors (reported once, by {@link #describe}). */
    private record QuietLog(Consumer<String> log) implements TeaVMToolLog {
        @Override
        public void info(String text) {
        }

        @Override
        public void debug(String text) {
        }

        @Override
        public void warning(String text) {
            log.accept("TeaVM: " + text);
        }

        @Override
        public void error(String text) {
        }

        @Override
        public void info(String text, Throwable e) {
        }

        @Override
        public void debug(String text, Throwable e) {
        }

        @Override
        public void warning(String text, Throwable e) {
            log.accept("TeaVM: " + text);
        }

        @Override
        public void error(String text, Throwable e) {
        }
    }
}
