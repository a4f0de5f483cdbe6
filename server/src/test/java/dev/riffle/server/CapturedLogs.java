package dev.riffle.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The server tests' SLF4J provider (named by {@code slf4j.provider} in the Surefire set-up): keeps every INFO-and-up
 * event for tests to read, and prints WARN and ERROR to stderr as a console logger would.
 */
public final class CapturedLogs implements SLF4JServiceProvider {
    /** One logged event, its message formatted. */
    public record Event(String logger, Level level, String message, Throwable thrown) {
    }

    private static final List<Event> EVENTS = new ArrayList<>();

    /** Waits until an event matching {@code match} has been logged, and returns it. */
    public static Event await(Predicate<Event> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (EVENTS) {
            while (true) {
                for (Event e : EVENTS) {
                    if (match.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No such log event in " + timeout.toMillis() + " ms; logged: " + EVENTS);
                }
                EVENTS.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The events logged so far that match. */
    public static List<Event> matching(Predicate<Event> match) {
        synchronized (EVENTS) {
            return EVENTS.stream().filter(match).toList();
        }
    }

    private static void add(Event e) {
        synchronized (EVENTS) {
            EVENTS.add(e);
            EVENTS.notifyAll();
        }
        if (e.level().toInt() >= Level.WARN.toInt()) {
            System.err.println(e.level() + " " + e.logger() + ": " + e.message());
            if (e.thrown() != null) {
                e.thrown().printStackTrace();
            }
        }
    }

    private final ILoggerFactory factory = CapturingLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class CapturingLogger extends AbstractLogger {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable thrown) {
            add(new Event(name, level, MessageFormatter.basicArrayFormat(pattern, arguments), thrown));
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            return true;
        }
    }
}
