package dev.riffle.testkit;

import java.time.Duration;

/**
 * One browser tab a test drives, whichever the browser: Chromium through Playwright ({@link RiffleBrowser#chromium()}),
 * Firefox through WebDriver BiDi ({@link RiffleBrowser#firefox()}), WebKit through WebDriver
 * ({@link RiffleBrowser#webkit()}). {@link RifflePage} works on any of them.
 */
public interface BrowserTab extends AutoCloseable {
    /**
     * A JavaScript function {@code (selector) => Element[]} that finds what a CSS selector means as Playwright reads
     * it: each part of a descendant selector ({@code riffle-webcam button}) is looked up under the previous part's
     * matches, through open shadow roots. Parts are split at spaces outside brackets and quotes; {@code >}, {@code +}
     * and {@code ~} keep their neighbours in one part (matched within one tree).
     */
    String QUERY_ALL = """
            (selector) => {
              const tokens = [];
              let part = '', depth = 0, quote = null, escaped = false;
              for (const c of selector.trim()) {
                if (escaped) escaped = false;
                else if (c === '\\\\') escaped = true;
                else if (quote) { if (c === quote) quote = null; }
                else if (c === '"' || c === "'") quote = c;
                else if (c === '[' || c === '(') depth++;
                else if (c === ']' || c === ')') depth--;
                else if (/\\s/.test(c) && depth === 0) { if (part) tokens.push(part); part = ''; continue; }
                part += c;
              }
              if (part) tokens.push(part);
              const parts = [];
              for (let i = 0; i < tokens.length; i++) {
                const t = tokens[i];
                if ((t === '>' || t === '+' || t === '~') && parts.length && i + 1 < tokens.length) {
                  parts[parts.length - 1] += t + tokens[++i];
                } else if (parts.length && /[>+~]$/.test(parts[parts.length - 1])) {
                  parts[parts.length - 1] += t;
                } else if (/^[>+~]/.test(t) && parts.length) {
                  parts[parts.length - 1] += t;
                } else {
                  parts.push(t);
                }
              }
              let scopes = [document];
              for (const p of parts) {
                const found = [];
                const walk = root => {
                  root.querySelectorAll(p).forEach(e => { if (!found.includes(e)) found.push(e); });
                  root.querySelectorAll('*').forEach(e => { if (e.shadowRoot) walk(e.shadowRoot); });
                };
                for (const s of scopes) { walk(s); if (s.shadowRoot) walk(s.shadowRoot); }
                scopes = found;
              }
              return scopes;
            }""";

    /** Like {@link #QUERY_ALL}: {@code (selector) => Element | null}, the first match. */
    String QUERY = "(selector) => (" + QUERY_ALL + ")(selector)[0] || null";

    /** Loads {@code url} and waits for its {@code load} event. */
    void navigate(String url);

    /**
     * Calls a JavaScript function in the page and awaits it when it returns a promise.
     *
     * @param function the function's source, e.g. {@code "(a, b) => a + b"}
     * @param args its arguments: strings, numbers, booleans, nulls and lists of them
     * @return the result as JSON values: {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} or
     *     {@code null}
     * @throws BrowserException when the function throws (with the page's message)
     */
    Object call(String function, Object... args);

    /**
     * Waits until {@code predicate} (a JavaScript function's source) returns a truthy value for {@code args}.
     *
     * @throws BrowserException when it still does not after {@code timeout}
     */
    default void waitFor(Duration timeout, String predicate, Object... args) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object value = call(predicate, args);
            if (value != null && !Boolean.FALSE.equals(value) && !"".equals(value)
                    && !(value instanceof Number n && n.doubleValue() == 0)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BrowserException("Waited " + timeout.toMillis() + " ms in " + browser() + " for "
                        + predicate + " " + java.util.Arrays.toString(args));
            }
            // the page changes on its own (frames, sockets); a poll every 20 ms is what Playwright's waits do too
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    /** Clicks the first element {@code selector} matches as a user would: the pointer at its centre, down, up. */
    void click(String selector);

    /** A PNG of what the tab shows. */
    byte[] screenshot();

    /** The browser's name and version, e.g. {@code firefox 153.8.0}. */
    String browser();

    /** Closes the tab (and whatever it alone used: its context, its session). */
    @Override
    void close();

    /** What went wrong in the browser: a script's exception, a command the browser refused, a wait that timed out. */
    final class BrowserException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** An error with the browser's own message. */
        public BrowserException(String message) {
            super(message);
        }

        /** An error caused by {@code cause}. */
        public BrowserException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
