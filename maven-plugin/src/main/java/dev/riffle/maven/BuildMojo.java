package dev.riffle.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Compiles the project's Lite handlers with Riffle's Lite runtime to one WebAssembly GC bundle and exports the static
 * site (any static host can serve the folder). Bound to {@code package}.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
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
