package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.blocks.Slider;
import dev.riffle.handler.CloseStream;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import dev.riffle.server.wire.AudioCodec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Audio streams over the WebSocket transport: a real Jetty on 127.0.0.1, {@link StreamHandler}s, the JDK client. */
class AudioSocketTest {
    private RiffleServer server;

    /** FastRTC's echo: every chunk goes straight back, scaled by the first additional input when there is one. */
    static class Echo extends StreamHandler {
        private final ArrayDeque<AudioChunk> queue = new ArrayDeque<>();

        @Override
        public void receive(AudioChunk chunk) {
            if ((chunk.samples().length > 0 && chunk.samples()[0] == 13)) {
                throw new IllegalStateException("unlucky chunk");
            }
            double gain = latestArgs().number(0, 1);
            short[] s = chunk.samples().clone();
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) Math.round(s[i] * gain);
            }
            queue.add(new AudioChunk(chunk.sampleRate(), chunk.channels(), s));
        }

        @Override
        public AudioChunk emit() {
            return queue.poll();
        }

        @Override
        public StreamHandler copy() {
            return new Echo();
        }
    }

    @BeforeEach
    void start() {
        server = RiffleServer.create()
                .mount("/echo", Stream.audio("echo", new Echo()).concurrencyLimit(null).build())
                .mount("/echo16k", Stream.audio("echo16k", new Echo()).sampleRate(16_000).concurrencyLimit(null)
                        .build())
                .mount("/gain", Stream.audio("gain", new Echo()).additionalInputs(Slider.of(0, 2).step(0.1).value(1))
                        .concurrencyLimit(null).build())
                .mount("/three", Stream.audio("three", Three::new).concurrencyLimit(null).build())
                .mount("/talk", Stream.audio("talk", Talker::new).concurrencyLimit(null).build())
                .mount("/slow", Stream.audio("slow", Slow::new).maxAudioBacklog(Duration.ofMillis(200))
                        .concurrencyLimit(null).build())
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** 20 ms of a sine at {@code hz}, continuing from sample {@code offset}; the first sample is never 13. */
    static short[] tone(int rate, double hz, int offset, int count, double amplitude) {
        short[] s = new short[count];
        for (int i = 0; i < count; i++) {
            s[i] = (short) Math.round(Math.sin(2 * Math.PI * hz * (offset + i) / rate) * amplitude * 32767);
        }
        if (s[0] == 13) {
            s[0] = 12;
        }
        return s;
    }

    static byte[] chunk(int rate, int channels, short[] samples, long seq) {
        return AudioCodec.encode(new AudioChunk(rate, channels, samples), seq, 0);
    }

    /** Frequency from the rising zero crossings between the first and the last one. */
    static double frequency(short[] s, int rate) {
        int first = -1;
        int last = -1;
        int crossings = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                if (first < 0) {
                    first = i;
                } else {
                    crossings++;
                }
                last = i;
            }
        }
        return crossings == 0 ? 0 : crossings * (double) rate / (last - first);
    }

    @Test
    void chunksComeBackInOrderAndExact() {
        try (WsTestClient c = WsTestClient.connect(server, "/echo")) {
            JsonNode hello = c.start("pcm");
            assertEquals("audio", hello.get("modality").asText());
            assertEquals(48_000, hello.get("sample_rate").asInt());
            c.nextQueue("admitted");
            short[] sent = new short[50 * 960];
            for (int i = 0; i < 50; i++) {
                short[] s = tone(48_000, 440, i * 960, 960, 0.5);
                System.arraycopy(s, 0, sent, i * 960, 960);
                c.send(chunk(48_000, 1, s, i + 1));
            }
            short[] got = new short[sent.length];
            for (int i = 0; i < 50; i++) {
                AudioCodec.Received r = c.nextAudio();
                assertEquals(i + 1, r.seq(), "chunks come back numbered in order");
                assertEquals(48_000, r.chunk().sampleRate());
                System.arraycopy(r.chunk().samples(), 0, got, i * 960, 960);
            }
            assertArrayEquals(sent, got);
        }
    }

    @Test
    void otherRatesAndStereo_areResampledAndMixedDown() {
        try (WsTestClient c = WsTestClient.connect(server, "/echo16k")) {
            assertEquals(16_000, c.start("pcm").get("sample_rate").asInt());
            c.nextQueue("admitted");
            int perChunk = 441; // 10 ms at 44.1 kHz, stereo
            for (int i = 0; i < 100; i++) {
                short[] mono = tone(44_100, 1000, i * perChunk, perChunk, 0.5);
                short[] stereo = new short[perChunk * 2];
                for (int j = 0; j < perChunk; j++) {
                    stereo[2 * j] = mono[j];
                    stereo[2 * j + 1] = mono[j];
                }
                c.send(chunk(44_100, 2, stereo, i + 1));
            }
            short[] all = new short[0];
            while (all.length < 15_990) {
                AudioChunk out = c.nextAudio().chunk();
                assertEquals(16_000, out.sampleRate());
                assertEquals(1, out.channels());
                int at = all.length;
                all = Arrays.copyOf(all, at + out.samples().length);
                System.arraycopy(out.samples(), 0, all, at, out.samples().length);
            }
            // one second of input is one second of output, give or take the resampler's carried sample
            assertTrue(all.length <= 16_000, "samples: " + all.length);
            assertEquals(1000, frequency(all, 16_000), 3);
        }
    }

    @Test
    void inputsChangedMidStream_applyToLaterChunks() {
        try (WsTestClient c = WsTestClient.connect(server, "/gain")) {
            c.start("pcm");
            c.nextQueue("admitted");
            short[] s = tone(48_000, 440, 100, 960, 0.4);
            c.send(chunk(48_000, 1, s, 1));
            assertArrayEquals(s, c.nextAudio().chunk().samples(), "gain 1 at first");
            c.send("{\"type\":\"inputs\",\"values\":[0.5]}");
            c.send(chunk(48_000, 1, s, 2));
            short[] half = c.nextAudio().chunk().samples();
            for (int i = 0; i < s.length; i++) {
                assertEquals(Math.round(s[i] * 0.5), half[i], "sample " + i);
            }
        }
    }

    @Test
    void badChunks_getClearErrors_andTheStreamGoesOn() {
        try (WsTestClient c = WsTestClient.connect(server, "/echo")) {
            c.start("pcm");
            c.nextQueue("admitted");
            byte[] odd = chunk(48_000, 1, new short[10], 1);
            c.send(Arrays.copyOf(odd, odd.length - 1));
            assertEquals("bad_audio", c.next("error").at("/error/code").asText());
            byte[] slowRate = chunk(48_000, 1, new short[10], 2);
            slowRate[8] = 0;
            slowRate[9] = 0;
            slowRate[10] = 3;
            slowRate[11] = (byte) 0xE8; // 1000 Hz
            c.send(slowRate);
            JsonNode rate = c.next("error");
            assertEquals("bad_audio", rate.at("/error/code").asText());
            assertEquals(1000, rate.at("/error/details/sample_rate").asInt());
            byte[] threeChannels = chunk(48_000, 1, new short[12], 3);
            threeChannels[2] = 3;
            c.send(threeChannels);
            assertEquals("bad_audio", c.next("error").at("/error/code").asText());
            c.send(chunk(8_000, 1, new short[8_000 * 5 / 2], 4)); // 2.5 s
            assertEquals("audio_chunk_too_long", c.next("error").at("/error/code").asText());
            c.send(new byte[] {'R', 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4});
            assertEquals("bad_audio", c.next("error").at("/error/code").asText(), "a video frame is not audio");
            short[] good = tone(48_000, 440, 0, 960, 0.5);
            c.send(chunk(48_000, 1, good, 5));
            assertArrayEquals(good, c.nextAudio().chunk().samples(), "the session survived");
        }
    }

    @Test
    void aHandlerThrowingOnOneChunk_reportsIt_andTheNextChunkIsServed() {
        try (WsTestClient c = WsTestClient.connect(server, "/echo")) {
            c.start("pcm");
            c.nextQueue("admitted");
            short[] unlucky = new short[960];
            unlucky[0] = 13;
            c.send(chunk(48_000, 1, unlucky, 1));
            JsonNode error = c.next("error");
            assertEquals("handler_error", error.at("/error/code").asText());
            assertTrue(error.at("/error/message").asText().contains("unlucky chunk"), error.toString());
            short[] good = tone(48_000, 440, 0, 960, 0.5);
            c.send(chunk(48_000, 1, good, 2));
            assertArrayEquals(good, c.nextAudio().chunk().samples());
        }
    }

    /** Echoes three chunks, then ends the stream. */
    static class Three extends Echo {
        private int count;

        @Override
        public void receive(AudioChunk chunk) {
            if (++count > 3) {
                throw new CloseStream("three is enough");
            }
            super.receive(chunk);
        }
    }

    @Test
    void closeStreamFromTheHandler_endsTheSessionCleanly() {
        try (WsTestClient c = WsTestClient.connect(server, "/three")) {
            c.start("pcm");
            c.nextQueue("admitted");
            for (int i = 1; i <= 4; i++) {
                c.send(chunk(48_000, 1, tone(48_000, 440, 0, 960, 0.5), i));
            }
            for (int i = 1; i <= 3; i++) {
                assertEquals(i, c.nextAudio().seq());
            }
            JsonNode closed = c.next("closed");
            assertEquals("closed_by_handler", closed.get("code").asText());
            assertEquals("three is enough", closed.get("message").asText());
            assertEquals(1000, c.awaitClose());
            assertEquals(0, server.sessionCount());
        }
    }

    /** Takes 60 ms per 20 ms chunk: it falls behind the microphone. */
    static class Slow extends Echo {
        @Override
        public void receive(AudioChunk chunk) {
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.receive(chunk);
        }
    }

    @Test
    void aHandlerFallingBehind_endsTheStreamClearly_insteadOfBufferingForever() {
        try (WsTestClient c = WsTestClient.connect(server, "/slow")) {
            c.start("pcm");
            c.nextQueue("admitted");
            int sent = 0;
            for (int i = 1; i <= 30 && c.sendUnlessClosed(chunk(48_000, 1, tone(48_000, 440, 0, 960, 0.5), i)); i++) {
                sent = i;
            }
            assertTrue(sent > 10, "the server closed before 200 ms of audio was sent: " + sent);
            JsonNode error = c.next("error");
            assertEquals("audio_backlog", error.at("/error/code").asText());
            assertTrue(error.at("/error/message").asText().contains("200 ms behind"), error.toString());
            assertEquals(1011, c.awaitClose());
            assertEquals(0, server.sessionCount());
        }
    }

    @Test
    void aMessageOverTheAudioLimit_closesWith1009_andOtherSessionsGoOn() {
        try (WsTestClient other = WsTestClient.connect(server, "/echo");
                WsTestClient c = WsTestClient.connect(server, "/echo")) {
            other.start("pcm");
            other.nextQueue("admitted");
            c.start("pcm");
            c.nextQueue("admitted");
            c.send(new byte[AudioCodec.MAX_MESSAGE + 1]);
            assertEquals(1009, c.awaitClose());
            short[] good = tone(48_000, 440, 0, 960, 0.5);
            other.send(chunk(48_000, 1, good, 1));
            assertArrayEquals(good, other.nextAudio().chunk().samples());
        }
    }

    /** Logs each chunk's number; on the second, tries to pose as the server's own "closed" message. */
    static class Talker extends Echo {
        private int count;

        @Override
        public void receive(AudioChunk chunk) {
            count++;
            if (count == 2) {
                sendMessage("closed", "fake");
            }
            sendMessage("log", "chunk " + count);
            super.receive(chunk);
        }
    }

    @Test
    void handlerMessages_reachTheClientAsTypeAndData_butCannotPoseAsControlMessages() {
        try (WsTestClient c = WsTestClient.connect(server, "/talk")) {
            c.start("pcm");
            c.nextQueue("admitted");
            for (int i = 1; i <= 3; i++) {
                c.send(chunk(48_000, 1, tone(48_000, 440, 0, 960, 0.5), i));
            }
            assertEquals("chunk 1", c.next("log").get("data").asText());
            JsonNode error = c.next("error");
            assertEquals("handler_error", error.at("/error/code").asText());
            assertTrue(error.at("/error/message").asText().contains("cannot send 'closed'"), error.toString());
            assertEquals("chunk 3", c.next("log").get("data").asText(), "the stream went on");
            assertEquals(1, server.sessionCount());
        }
    }
}
