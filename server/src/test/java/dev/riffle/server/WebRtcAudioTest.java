package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import dev.riffle.server.engine.Wire;
import dev.riffle.stream.Mode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Microphone audio over WebRTC reaches the handler of every session, whatever ran before it on the server: a
 * session that only listens (mode send: the transcription demo) after one that spoke back (an echo) has ended.
 */
class WebRtcAudioTest {
    private RiffleServer server;

    /** Takes audio, sends none back. */
    static final class Listener extends StreamHandler {
        @Override
        public void receive(AudioChunk chunk) {
        }

        @Override
        public AudioChunk emit() {
            return null;
        }

        @Override
        public StreamHandler copy() {
            return new Listener();
        }
    }

    @BeforeEach
    void start() {
        server = RiffleServer.create()
                .mount("/echo", Stream.audio("echo", new AudioSocketTest.Echo()).concurrencyLimit(null).build())
                .mount("/listen", Stream.audio("listen", new Listener()).mode(Mode.SEND).concurrencyLimit(null)
                        .build())
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long received(String path, String id) throws Exception {
        HttpResponse<String> r = RtcTestClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + path + "/queue?webrtc_id=" + id)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode session = Wire.JSON.readTree(r.body()).get("session");
        return session.get("received").asLong();
    }

    /** Speaks a 440 Hz tone for about {@code millis} into a session and returns the chunks its handler received. */
    private long speak(String path, String id, int millis) throws Exception {
        try (RtcTestClient client = new RtcTestClient().withMicrophone()) {
            client.connect(server, path, id);
            client.connected.get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            int offset = 0;
            while (System.nanoTime() < deadline) {
                client.pushAudio(AudioSocketTest.tone(48_000, 440, offset, 480, 0.3));
                offset += 480;
                Thread.sleep(10);
            }
            return received(path, id);
        } finally {
            WebRtcTest.awaitCount(server::openPeerConnections, 0);
        }
    }

    @Test
    void aListeningSession_getsTheMicrophone_afterASessionThatSpokeBackHasEnded() throws Exception {
        long first = speak("/listen", "listen-first-0123456789", 1500);
        assertTrue(first > 20, "the first listening session heard the microphone: " + first + " chunks");
        long echo = speak("/echo", "echo-0123456789abcdef", 1500);
        assertTrue(echo > 20, "the echo session heard it: " + echo + " chunks");
        long after = speak("/listen", "listen-after-0123456789", 1500);
        assertTrue(after > 20, "a listening session after the echo ended heard the microphone: " + after
                + " chunks (first " + first + ")");
    }
}
