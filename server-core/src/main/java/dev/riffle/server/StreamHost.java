package dev.riffle.server;

import jakarta.servlet.ServletContext;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where a servlet context's streams run: a {@code RiffleServer} (riffle-server), or a {@link RiffleMount} installed into a container
 * you run (Tomcat under Spring Boot, your own Jetty). Frameworks in the same context - Riffle's Vaadin components -
 * find it with {@link #of(ServletContext)} and mount the streams their views declare on it while the app runs.
 */
public interface StreamHost {
    /** The servlet context attribute a host is kept under. */
    String ATTRIBUTE = StreamHost.class.getName();

    /** Where the browser client's files are served, below the servlet context's path. */
    String CLIENT_BASE = dev.riffle.server.http.Pages.CLIENT_BASE;

    /**
     * The stream mounted at {@code key} (at {@code <context path>/riffle/streams/<key>}), mounting {@code create}'s
     * first if there is none yet: every view that declares the same key shares its queue.
     *
     * @throws IllegalStateException if the host does not run yet
     * @throws IllegalArgumentException if the key has characters other than letters, digits, '_', '.', '-'
     */
    Stream mountLive(String key, Supplier<Stream> create);

    /**
     * Tells {@code listener} of every stream mounted here - those mounted so far at once, each later one (a Vaadin
     * view's live stream) as it is mounted; how {@link RiffleMetrics} finds them.
     */
    void onStream(Consumer<Stream> listener);

    /** The host serving {@code context}, or {@code null} if Riffle was neither started nor mounted there. */
    static StreamHost of(ServletContext context) {
        return context != null && context.getAttribute(ATTRIBUTE) instanceof StreamHost h ? h : null;
    }
}
