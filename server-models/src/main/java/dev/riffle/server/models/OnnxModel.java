package dev.riffle.server.models;

import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One loaded ONNX model: an ONNX Runtime session on the CPU, one intra-op thread (a session per connection would
 * fight over 2 cores; handlers already run in parallel). {@code run} is thread-safe. {@link #close()} frees the
 * native session; {@link #openSessions()} counts the ones not closed yet (tests check it returns to 0).
 */
public final class OnnxModel implements AutoCloseable {
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final OrtSession session;
    private final String name;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private OnnxModel(OrtSession session, String name) {
        this.session = session;
        this.name = name;
    }

    /** Loads a verified model file (see {@link ModelFile#path()}). */
    public static OnnxModel load(ModelFile model) {
        return load(model.path(), model.fileName());
    }

    /**
     * Loads any ONNX file.
     *
     * @throws IllegalStateException naming the file and the fetch command when ONNX Runtime cannot load it
     */
    public static OnnxModel load(Path file, String name) {
        // ONNX Runtime's environment and session set-up need more stack than a JVM thread's default 1 MB: on a
        // plain `java` main thread it crashed the JVM (SIGSEGV, no hs_err). So it runs on a thread with 16 MB.
        OnnxModel[] loaded = new OnnxModel[1];
        RuntimeException[] failed = new RuntimeException[1];
        Thread loader = new Thread(null, () -> {
            try {
                loaded[0] = create(file, name);
            } catch (RuntimeException e) {
                failed[0] = e;
            }
        }, "riffle-onnx-load", 16L << 20);
        loader.start();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + file, e);
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return loaded[0];
    }

    private static OnnxModel create(Path file, String name) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = env.createSession(file.toString(), options);
            OPEN.incrementAndGet();
            return new OnnxModel(session, name);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + file.toAbsolutePath().normalize() + " ("
                    + e.getMessage() + "); if it is one of Riffle's models, fetch it again with `"
                    + ModelFile.FETCH_COMMAND + "`", e);
        }
    }

    /**
     * Runs the model. Runs may overlap; {@link #close()} waits for the ones in flight (closing the native session
     * under a running call crashes the JVM) and later calls fail with IllegalStateException.
     */
    public OrtSession.Result run(Map<String, ? extends OnnxTensorLike> inputs) throws OrtException {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
            return session.run(inputs);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The name of the model's first input. */
    public String firstInput() {
        return session.getInputNames().iterator().next();
    }

    public OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    public String name() {
        return name;
    }

    /** ONNX sessions loaded and not closed, in this JVM. */
    public static int openSessions() {
        return OPEN.get();
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing " + name + ": " + e.getMessage(), e);
        } finally {
            OPEN.decrementAndGet();
        }
    }
}
