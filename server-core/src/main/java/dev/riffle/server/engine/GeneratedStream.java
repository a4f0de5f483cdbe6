package dev.riffle.server.engine;

import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.Generator;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.VideoFrame;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Mode#RECEIVE} session's {@link Generator} on its own virtual thread: waits for the session's slot,
 * pulls the generator lazily - video frames no faster than the stream's frame rate, audio no more than
 * {@link #AUDIO_AHEAD_MILLIS} ahead of playback - and hands each item to the session. Pauses while the session waits
 * in line again (time limit reached); ends the session when the generator is exhausted or fails, and closes the
 * generator's stream when the session ends first.
 */
final class GeneratedStream {
    /** How far generated audio may run ahead of what has been played. */
    static final long AUDIO_AHEAD_MILLIS = 200;

    interface Session {
        /** Blocks until the session holds a slot. @throws InterruptedException when the session ends meanwhile */
        void awaitAdmitted() throws InterruptedException;

        dev.riffle.handler.Inputs inputs();

        void video(long seq, VideoFrame frame);

        /** Queues audio to play; returns the milliseconds queued and not yet played. */
        long audio(AudioChunk chunk);

        /** Milliseconds of audio queued and not yet played. */
        long queuedAudioMillis();

        void outputs(long seq, AdditionalOutputs outputs);

        /** The generator is done ({@code error == null}) or failed. */
        void finished(RuntimeException error);
    }

    private final Generator generator;
    private final Session session;
    private final long frameNanos;
    private final Thread thread;
    private volatile boolean stopped;

    GeneratedStream(String name, Generator generator, Session session, double fps) {
        this.generator = generator;
        this.session = session;
        this.frameNanos = (long) (1e9 / fps);
        this.thread = Thread.ofVirtual().name("riffle-generator-" + name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Stops pulling and closes the generator's stream (from the session's close). */
    void stop() {
        stopped = true;
        thread.interrupt();
    }

    private void run() {
        try {
            session.awaitAdmitted();
            long seq = 0;
            long nextFrame = System.nanoTime();
            try (java.util.stream.Stream<?> items = generator.generate(session.inputs())) {
                if (items == null) {
                    throw new IllegalStateException("The generator returned null instead of a stream");
                }
                Iterator<?> it = items.iterator();
                while (!stopped && it.hasNext()) {
                    Object item = it.next();
                    session.awaitAdmitted();
                    seq++;
                    if (item instanceof VideoFrame frame) {
                        long wait = nextFrame - System.nanoTime();
                        if (wait > 0) {
                            sleepNanos(wait);
                        }
                        nextFrame = Math.max(nextFrame + frameNanos, System.nanoTime() - frameNanos);
                        session.video(seq, frame);
                    } else if (item instanceof AudioChunk chunk) {
                        long queued = session.audio(chunk);
                        if (queued > AUDIO_AHEAD_MILLIS) {
                            sleepNanos(TimeUnit.MILLISECONDS.toNanos(queued - AUDIO_AHEAD_MILLIS));
                        }
                    } else if (item instanceof AdditionalOutputs outputs) {
                        session.outputs(seq, outputs);
                    } else if (item != null) {
                        throw new IllegalStateException("A generator yields VideoFrame, AudioChunk or"
                                + " AdditionalOutputs, got " + item.getClass().getName());
                    }
                }
            }
            // let the last audio play out before the session ends
            for (long queued = session.queuedAudioMillis(); queued > 0 && !stopped;
                    queued = session.queuedAudioMillis()) {
                sleepNanos(TimeUnit.MILLISECONDS.toNanos(queued));
            }
            if (!stopped) {
                session.finished(null);
            }
        } catch (InterruptedException e) {
            // the session ended
        } catch (RuntimeException e) {
            if (!stopped) {
                session.finished(e);
            }
        } catch (Error e) {
            if (!stopped) {
                session.finished(new dev.riffle.server.engine.VideoPipeline.HandlerError(e));
            }
        }
    }

    /** Waits for pacing; {@link #stop()} interrupts it. */
    private void sleepNanos(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(nanos);
        if (stopped) {
            throw new InterruptedException();
        }
    }
}
