package dev.riffle.server.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox's rules, with a sink the test completes by hand (a client that reads when the test says). */
class OutboxTest {
    /** Records what was sent; each send completes only when the test calls {@link #complete}. */
    private static final class HandSink implements Outbox.Sink {
        final List<String> sent = new ArrayList<>();
        final List<Runnable> pending = new ArrayList<>();

        @Override
        public void sendText(String text, Runnable done) {
            sent.add(text);
            pending.add(done);
        }

        @Override
        public void sendBinary(ByteBuffer data, Runnable done) {
            sent.add("bin:" + data.get(0));
            pending.add(done);
        }

        void complete() {
            pending.remove(0).run();
        }
    }

    private final HandSink sink = new HandSink();
    private final List<String> slow = new ArrayList<>();
    private final Outbox outbox = new Outbox(sink, slow::add, 100);

    private static ByteBuffer bytes(int tag) {
        return ByteBuffer.wrap(new byte[] {(byte) tag});
    }

    @Test
    void oneSendAtATime_theNextWhenTheLastCompletes() {
        outbox.text("a");
        outbox.text("b");
        assertEquals(List.of("a"), sink.sent);
        sink.complete();
        assertEquals(List.of("a", "b"), sink.sent);
    }

    @Test
    void controlGoesFirst_thenAudio_thenVideo() {
        outbox.text("first");
        outbox.video(bytes(3));
        outbox.audio(bytes(2), 20);
        outbox.text("control");
        sink.complete();
        sink.complete();
        sink.complete();
        assertEquals(List.of("first", "control", "bin:2", "bin:3"), sink.sent);
    }

    @Test
    void video_latestWins_andReplacedFramesAreCounted() {
        outbox.text("busy");
        outbox.video(bytes(1));
        outbox.video(bytes(2));
        outbox.video(bytes(3));
        sink.complete();
        assertEquals(List.of("busy", "bin:3"), sink.sent);
        assertEquals(2, outbox.droppedVideo());
        assertTrue(slow.isEmpty(), "dropping video is no reason to end the session");
    }

    @Test
    void audioBeyondItsBound_makesTheClientTooSlow_once() {
        outbox.text("never read");
        for (int i = 0; i < 5; i++) {
            outbox.audio(bytes(i), 20);
        }
        assertTrue(slow.isEmpty(), "100 ms wait: within the bound");
        outbox.audio(bytes(9), 20);
        outbox.audio(bytes(9), 20);
        assertEquals(1, slow.size(), String.valueOf(slow));
        assertTrue(slow.get(0).contains("100 ms of audio"), slow.get(0));
    }

    @Test
    void controlBeyondItsBound_makesTheClientTooSlow() {
        for (int i = 0; i <= Outbox.MAX_CONTROL + 1; i++) {
            outbox.text("m" + i);
        }
        assertEquals(1, slow.size());
    }

    @Test
    void aSendThatNeverCompletes_isReportedStalled() throws InterruptedException {
        outbox.text("never read");
        outbox.checkStalled(60_000_000_000L);
        assertTrue(slow.isEmpty());
        Thread.sleep(5); // the stall is measured in time
        outbox.checkStalled(1_000_000);
        assertEquals(1, slow.size());
        assertTrue(outbox.stalledNanos() > 0);
    }

    @Test
    void drainThen_runsOnceEverythingQueuedWentOut_andLaterMessagesAreDropped() {
        List<String> closed = new ArrayList<>();
        outbox.text("closed");
        outbox.drainThen(() -> closed.add("now"));
        outbox.text("after the close");
        assertTrue(closed.isEmpty());
        sink.complete();
        assertEquals(List.of("now"), closed);
        assertEquals(List.of("closed"), sink.sent);
    }

    @Test
    void afterClose_nothingIsSent() {
        outbox.close();
        outbox.text("x");
        outbox.video(bytes(1));
        assertTrue(sink.sent.isEmpty());
        assertNull(slow.isEmpty() ? null : slow);
    }

    /**
     * A sink like Jetty 12.1's: it can report a send done before its send method has returned (the frame went out
     * at once, or the flusher's thread reported it first), and it refuses a message started while that method is
     * still running ("Cannot start TEXT message when BINARY message is not complete yet"). Here messages arrive from
     * other threads while the first send is still in the sink; nothing may be refused or lost (AudioSocketTest lost a
     * handler's error message this way, about one run in ten).
     */
    @Test
    void aSinkThatReportsDoneInsideItsSend_neverGetsASendStartedOnThatStack() {
        List<String> out = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        boolean[] inSend = {false};
        Outbox[] box = new Outbox[1];
        Outbox.Sink jettyLike = new Outbox.Sink() {
            @Override
            public void sendText(String text, Runnable done) {
                send(text, done);
            }

            @Override
            public void sendBinary(ByteBuffer data, Runnable done) {
                send("bin:" + data.get(0), done);
            }

            private void send(String what, Runnable done) {
                if (inSend[0]) {
                    refused.add(what);
                    done.run(); // Jetty fails the callback: the message is gone
                    return;
                }
                inSend[0] = true;
                try {
                    out.add(what);
                    if (what.equals("bin:1")) {
                        // meanwhile a handler thread queues more
                        box[0].text("error");
                        box[0].audio(bytes(2), 20);
                        box[0].text("log");
                    }
                    done.run(); // reported before this method returns
                } finally {
                    inSend[0] = false;
                }
            }
        };
        box[0] = new Outbox(jettyLike, slow::add, 1000);
        box[0].audio(bytes(1), 20);
        assertEquals(List.of(), refused, "nothing started inside a send");
        assertEquals(List.of("bin:1", "error", "log", "bin:2"), out, "all of it, control before audio");
    }
}
