package dev.riffle.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A host's streams as they are mounted, and who wants to hear of them ({@link StreamHost#onStream}). */
final class StreamListeners {
    private final List<Stream> mounted = new CopyOnWriteArrayList<>();
    private final List<Consumer<Stream>> listeners = new CopyOnWriteArrayList<>();

    /** Adds {@code listener} and tells it of every stream mounted so far. */
    synchronized void add(Consumer<Stream> listener) {
        listeners.add(listener);
        mounted.forEach(listener);
    }

    /** A stream was mounted (its path is set): every listener hears of it. */
    synchronized void mounted(Stream stream) {
        mounted.add(stream);
        listeners.forEach(l -> l.accept(stream));
    }
}
