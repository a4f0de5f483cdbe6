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
}
