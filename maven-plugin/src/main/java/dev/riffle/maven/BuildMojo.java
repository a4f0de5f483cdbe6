package dev.riffle.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Compiles the project's Lite handlers with Riffle's Lite runtime to one WebAssembly GC bundle and exports the static
 * site (any static host can serve the folder). The bundle also goes among the project's classes
 * ({@code META-INF/riffle/bundles/}), so the jar carries it to a Riffle server that serves the app. Bound to
 * {@code prepare-package}: after the tests, before the jar.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class BuildMojo extends LiteMojo {
    /** Skips the goal. */
    @Parameter(property = "riffle.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("riffle:build skipped");
            return;
        }
        build(liteBuild());
    }
}
