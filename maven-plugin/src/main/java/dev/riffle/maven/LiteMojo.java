package dev.riffle.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What the build and run goals share: the app, the folders, and one {@link LiteBuild} from the project. */
abstract class LiteMojo extends AbstractMojo {
    /** The project's {@code dev.riffle.blocks.LiteApp} implementation, e.g. {@code com.example.SepiaApp}. */
    @Parameter(property = "riffle.app", required = true)
    protected String app;

    /** Where the static site goes: {@code index.html}, {@code app.json} and {@code riffle/} (client and Wasm). */
    @Parameter(property = "riffle.site", defaultValue = "${project.build.directory}/riffle-site")
    protected File siteDirectory;

    /** Shortens the Wasm bundle's names; turn off to read stack traces in the browser. */
    @Parameter(property = "riffle.minify", defaultValue = "true")
    protected boolean minify;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The plugin's own dependencies: TeaVM's class library is among them. */
    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    protected List<Artifact> pluginArtifacts;

    protected LiteBuild liteBuild() throws MojoExecutionException {
        List<Path> projectPath = new ArrayList<>();
        try {
            for (String element : project.getRuntimeClasspathElements()) {
                projectPath.add(Path.of(element));
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("The project's dependencies are not resolved", e);
        }
        List<Path> teavmPath = new ArrayList<>();
        for (Artifact artifact : pluginArtifacts) {
            // Riffle's own classes come from the project's dependency, in the version it chose
            if (!artifact.getGroupId().equals("dev.riffle")) {
                teavmPath.add(artifact.getFile().toPath());
            }
        }
        Path work = Path.of(project.getBuild().getDirectory(), "riffle-wasm");
        return new LiteBuild(app, projectPath, teavmPath, work, siteDirectory.toPath(), minify,
                text -> getLog().warn(text));
    }

    protected LiteBuild.Result build(LiteBuild build) throws MojoFailureException {
        try {
            LiteBuild.Result result = build.run();
            getLog().info("Lite site of " + app + " in " + result.site() + " (handlers " + result.handlerIds()
                    + ", bundle " + (result.bundle().toFile().length() / 1024) + " KB, " + result.millis() + " ms)");
            return result;
        } catch (LiteBuild.Failure e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
