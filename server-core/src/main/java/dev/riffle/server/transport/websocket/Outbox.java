package dev.riffle.server.transport.websocket;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one session sends, waiting for its client: bounded, and drained by asynchronous sends, so that no thread
 * shared by sessions (the audio pacer, the queue's timer, handler threads) ever waits for a client's socket.
 * <ul>
 * <li>control messages (JSON text) in order, at most {@link #MAX_CONTROL};</li>
 * <li>audio frames in order, at most {@code maxAudioMillis} of them;</li>
 * <li>video frames latest-wins: a frame that finds another still waiting replaces it, and the replaced one is
 * counted as dropped.</li>
 * </ul>
 * One message is in flight at a time; the next starts when the {@link Sink} reports the last one done. Control goes
 * first, then audio, then video. A client that reads too slowly - the control or audio bound is passed, or a send has
 * not completed for {@link #stalledNanos} - is {@link Listener#tooSlow too slow}: its session ends.
 */
public final class Outbox {
    /** Control messages that may wait at once. */
    public static final int MAX_CONTROL = 256;

    /** Sends one message without waiting for it; calls {@code done} (from any thread) once it went out or failed. */
    public interface Sink {
        void sendText(String text, Runnable done);

        void sendBinary(ByteBuffer data, Runnable done);
    }

    /** Hears that the client does not keep up. */
    public interface Listener {
        /** Called once, with what overflowed; the session should end. Never called with the outbox's lock held. */
        void tooSlow(String why);
    }

    private enum Kind { CONTROL, AUDIO, VIDEO }

    private record Item(Kind kind, String text, ByteBuffer data, long millis) {
    }

    private final Sink sink;
    private final Listener listener;
    private final long maxAudioMillis;
    private final ArrayDeque<Item> control = new ArrayDeque<>();
    private final ArrayDeque<Item> audio = new ArrayDeque<>();
    private Item video;
    private long audioMillis;
    private boolean inFlight;
    /** a send method of the sink is running: the next send waits for it to return */
    private boolean starting;
    private long inFlightSince;
    private boolean closed;
    private boolean reported;
    private Runnable whenDrained;
    private boolean draining;
    private final AtomicLong droppedVideo = new AtomicLong();

    /**
     * @param maxAudioMillis how much outgoing audio may wait for the client before it counts as too slow
     */
    public Outbox(Sink sink, Listener listener, long maxAudioMillis) {
        this.sink = sink;
        this.listener = listener;
        this.maxAudioMillis = maxAudioMillis;
    }

    /** Queues a control message. */
    public void text(String json) {
        String overflow;
        synchronized (this) {
            if (closed || draining) {
                return;
            }
            overflow = control.size() >= MAX_CONTROL ? "more than " + MAX_CONTROL + " control messages waited" : null;
            if (overflow == null) {
                control.addLast(new Item(Kind.CONTROL, json, null, 0));
            }
        }
        after(overflow);
    }

    /** Queues an audio frame of {@code millis} ms; the buffer must not change afterwards. */
    public void audio(ByteBuffer data, long millis) {
        audio(null, data, millis);
    }

    /** Queues an audio frame of {@code millis} ms sent as a text message (FastRTC's base64 JSON). */
    public void audio(String text, long millis) {
        audio(text, null, millis);
    }

    private void audio(String text, ByteBuffer data, long millis) {
        String overflow;
        synchronized (this) {
            if (closed || draining) {
                return;
            }
            overflow = audioMillis + millis > maxAudioMillis ? "more than " + maxAudioMillis
                    + " ms of audio waited for the client" : null;
            if (overflow == null) {
                audio.addLast(new Item(Kind.AUDIO, text, data, millis));
                audioMillis += millis;
            }
        }
        after(overflow);
    }

    /** Queues a video frame, replacing one that still waits; the buffer must not change afterwards. */
    public void video(ByteBuffer data) {
        synchronized (this) {
            if (closed || draining) {
                return;
            }
            if (video != null) {
                droppedVideo.incrementAndGet();
            }
            video = new Item(Kind.VIDEO, null, data, 0);
        }
        after(null);
    }

    private void after(String overflow) {
        if (overflow != null) {
            report(overflow);
        } else {
            pump();
        }
    }

    private void report(String why) {
        synchronized (this) {
            if (reported) {
                return;
            }
            reported = true;
        }
        listener.tooSlow(why);
    }

    /**
     * Starts the next send when none is in flight. The next send never starts on the call stack of the one before:
     * a {@link Sink} may report a send done before its own send method has returned (Jetty 12.1 does, when the frame
     * goes out at once, and it still counts that message as unfinished until the method returns - a text started from
     * inside that report fails with "Cannot start TEXT message when BINARY message is not complete yet"). So the
     * thread that started a send goes on with the next one once the sink has returned, if the send is done by then;
     * otherwise whoever reports it done does.
     */
    private void pump() {
        while (true) {
            Item next;
            Runnable drained = null;
            synchronized (this) {
                if (inFlight || closed || starting) {
                    return;
                }
                next = control.pollFirst();
                if (next == null) {
                    next = audio.pollFirst();
                }
                if (next == null) {
                    next = video;
                    video = null;
                }
                if (next == null) {
                    drained = whenDrained;
                    whenDrained = null;
                } else {
                    inFlight = true;
                    starting = true;
                    inFlightSince = System.nanoTime();
                }
            }
            if (next == null) {
                if (drained != null) {
                    drained.run();
                }
                return;
            }
            Item sending = next;
            Runnable done = () -> sent(sending);
            try {
                if (sending.text() != null) {
                    sink.sendText(sending.text(), done);
                } else {
                    sink.sendBinary(sending.data(), done);
                }
            } catch (RuntimeException gone) {
                done.run(); // the connection is closing; its close ends the session
            }
            synchronized (this) {
                starting = false;
                if (inFlight) {
                    return; // still going: its report starts the next
                }
            }
            // done already (reported inside the sink's send): the next one from here, now that the sink returned
        }
    }

    private void sent(Item item) {
        boolean startNext;
        synchronized (this) {
            inFlight = false;
            if (item.kind() == Kind.AUDIO) {
                audioMillis -= item.millis();
            }
            startNext = !starting;
        }
        if (startNext) {
            pump();
        }
    }

    /**
     * Checks the send in flight: one that has not completed for longer than {@code limitNanos} makes the client
     * too slow (a client that stopped reading). Called by a timer; never blocks.
     */
    public void checkStalled(long limitNanos) {
        boolean stalled;
        synchronized (this) {
            stalled = inFlight && !closed && System.nanoTime() - inFlightSince > limitNanos;
        }
        if (stalled) {
            report("a message has waited " + limitNanos / 1_000_000 + " ms for the client to read it");
        }
    }

    /** Nanoseconds the send in flight has taken so far; 0 when none is in flight. */
    public synchronized long stalledNanos() {
        return inFlight ? System.nanoTime() - inFlightSince : 0;
    }

    /** Milliseconds of audio waiting for the client. */
    public synchronized long queuedAudioMillis() {
        return audioMillis;
    }

    /** Video frames replaced by newer ones before the client took them. */
    public long droppedVideo() {
        return droppedVideo.get();
    }

    /**
     * Runs {@code then} once everything queued so far has gone out (at once when nothing waits); messages queued
     * afterwards are ignored. A client that never reads it is cut off by {@link #checkStalled}.
     */
    public void drainThen(Runnable then) {
        synchronized (this) {
            if (closed || draining) {
                return;
            }
            draining = true;
            whenDrained = then;
        }
        pump();
    }

    /** Drops everything waiting; later messages are ignored. */
    public void close() {
        synchronized (this) {
            closed = true;
            control.clear();
            audio.clear();
            video = null;
            audioMillis = 0;
        }
    }
}
