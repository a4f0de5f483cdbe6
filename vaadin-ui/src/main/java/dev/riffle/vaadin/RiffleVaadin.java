package dev.riffle.vaadin;

import dev.riffle.server.RiffleServer;
import org.eclipse.jetty.ee11.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee11.webapp.Configuration;
import org.eclipse.jetty.ee11.webapp.FragmentConfiguration;
import org.eclipse.jetty.ee11.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.ee11.webapp.WebInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebXmlConfiguration;
import org.eclipse.jetty.util.ClassMatcher;

/**
 * A {@link RiffleServer} that also runs your Vaadin app: Vaadin's servlet takes every path the streams, pages and
 * client files do not (it registers itself at {@code /*}), and finds your {@code @Route} views and your
 * {@code AppShellConfigurator} by scanning the class path, as a servlet container would.
 *
 * <pre>{@code
 * RiffleServer server = RiffleVaadin.server().port(8080)
 *         .mount("/echo", Stream.audio("echo", new Echo()).build())   // plain streams still mount as before
 *         .start();
 * }</pre>
 *
 * Leave {@code /} itself to Vaadin (no {@code page("/", ...)}): its client bootstraps through the context root; make
 * the index a {@code @Route("")} view. Vaadin's frontend bundle decides dev or production mode: a production build (the {@code vaadin-maven-plugin}'s
 * {@code build-frontend} goal) needs no Node.js at run time.
 */
public final class RiffleVaadin {
    /** Which class-path entries the servlet container scans for Vaadin's initializers and your views. */
    static final String SCANNED = ".*\\.jar$|.*/classes/.*";

    private RiffleVaadin() {
    }

    /** A server on 127.0.0.1 (a free port unless set) with Vaadin at {@code /}. */
    public static RiffleServer server() {
        WebAppContext app = new WebAppContext();
        app.setConfigurations(new Configuration[] {new WebInfConfiguration(), new MetaInfConfiguration(),
                new WebXmlConfiguration(), new FragmentConfiguration(), new AnnotationConfiguration()});
        app.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN, SCANNED);
        app.setParentLoaderPriority(true);
        // one application on one class path: the app sees the server's classes (Riffle's servlets, Jetty's
        // WebSocket container for Vaadin Push) instead of a web app's isolation from them
        app.setHiddenClassMatcher(new ClassMatcher());
        // Jetty's webdefault.xml adds JSP and a default servlet (the Riffle server has its own) and a listener that
        // is not on this class path
        app.setDefaultsDescriptor(null);
        app.setThrowUnavailableOnStartupException(true);
        return RiffleServer.create(app);
    }
}
