package dev.riffle.maven;

import dev.riffle.blocks.StaticServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * The development loop: builds the Lite site, serves it on {@code http://127.0.0.1:<port>/}, and on every change
 * under the project's source and resource folders recompiles the Java sources, rebuilds the bundle and the site, and
 * reloads open pages. A build that fails is reported and the last good site stays served. Stop it with Ctrl-C.
 *
 * <pre>{@code mvn compile riffle:run}</pre>
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME)
public class RunMojo extends LiteMojo {
    /** The port on 127.0.0.1 (0 picks a free one). */
    @Parameter(property = "riffle.port", defaultValue = "8000")
    private int port;

    /** The address to serve on; 127.0.0.1 keeps the site on this machine. */
    @Parameter(property = "riffle.host", defaultValue = "127.0.0.1")
    private String host;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        LiteBuild build = liteBuild();
        build(build);
        List<Path> watched = watchedFolders();
        try (StaticServer server = StaticServer.start(siteDirectory.toPath(), host, port).liveReload();
                WatchService watcher = FileSystems.getDefault().newWatchService()) {
            // watching before saying so: an edit right after the message is seen
            for (Path folder : watched) {
                register(watcher, folder);
            }
            getLog().info("Serving " + siteDirectory + " on " + server.url() + " - edit a source and the page reloads;"
                    + " Ctrl-C stops");
            while (true) {
                WatchKey key = watcher.take();
                // let an editor's burst of writes settle, then take everything that came
                TimeUnit.MILLISECONDS.sleep(200);
                do {
                    for (var event : key.pollEvents()) {
                        if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path p) {
                            Path created = ((Path) key.watchable()).resolve(p);
                            if (Files.isDirectory(created)) {
                                register(watcher, created);
                            }
                        }
                    }
                    key.reset();
                    key = watcher.poll();
                } while (key != null);
                rebuild(build, server);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new MojoExecutionException("The development server failed: " + e.getMessage(), e);
        }
    }

    private void rebuild(LiteBuild build, StaticServer server) {
        getLog().info("Change seen: rebuilding");
        try {
            compileSources();
            copyResources();
            build(build);
            server.reloadPages();
            getLog().info("Rebuilt: open pages reload");
        } catch (MojoFailureException | IOException e) {
            getLog().error(e.getMessage());
            getLog().error("Still serving the last good build");
        }
    }

    private List<Path> watchedFolders() {
        List<Path> folders = new ArrayList<>();
        for (String root : project.getCompileSourceRoots()) {
            folders.add(Path.of(root));
        }
        for (Resource resource : project.getResources()) {
            folders.add(Path.of(resource.getDirectory()));
        }
        folders.removeIf(folder -> !Files.isDirectory(folder));
        return folders;
    }

    private static void register(WatchService watcher, Path root) throws IOException {
        try (Stream<Path> folders = Files.walk(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    /** javac over every source of the project, as the compiler plugin would (release from maven.compiler.release). */
    private void compileSources() throws MojoFailureException, IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new MojoFailureException("riffle:run needs a JDK (this Java has no compiler)");
        }
        List<String> sources = new ArrayList<>();
        for (String root : project.getCompileSourceRoots()) {
            Path folder = Path.of(root);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
                }
            }
        }
        List<String> args = new ArrayList<>();
        String release = project.getProperties().getProperty("maven.compiler.release");
        if (release != null && !release.isBlank()) {
            args.addAll(List.of("--release", release.strip()));
        }
        String output = project.getBuild().getOutputDirectory();
        List<String> classPath = new ArrayList<>();
        try {
            for (String element : project.getCompileClasspathElements()) {
                if (!element.equals(output)) {
                    classPath.add(element);
                }
            }
        } catch (org.apache.maven.artifact.DependencyResolutionRequiredException e) {
            throw new MojoFailureException("The project's dependencies are not resolved", e);
        }
        args.addAll(List.of("-d", output, "-cp", String.join(File.pathSeparator, classPath),
                "-encoding", "UTF-8", "-g"));
        args.addAll(sources);
        int status = javac.run(null, null, null, args.toArray(String[]::new));
        if (status != 0) {
            throw new MojoFailureException("javac failed (see above)");
        }
    }

    private void copyResources() throws IOException {
        Path output = Path.of(project.getBuild().getOutputDirectory());
        for (Resource resource : project.getResources()) {
            Path root = Path.of(resource.getDirectory());
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = output.resolve(root.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
