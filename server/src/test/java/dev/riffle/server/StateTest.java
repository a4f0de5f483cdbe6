package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.blocks.Audio;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.State;
import dev.riffle.blocks.Textbox;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.media.AudioChunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gradio's {@code gr.State} and a function streaming the microphone every {@code stream_every} seconds, through a
 * real server: the state stays on the server and follows the handler's outputs, an output that is also an input is
 * that input's next value, and the client can neither see nor set the state.
 */
class StateTest {
    private RiffleServer server;

    @BeforeEach
    void start() {
        Audio mic = Audio.microphone();
        State lengths = State.of(List.of());
        Textbox log = Textbox.create();
        // the state holds the length of every piece so far; the log gets "<pieces>:<samples>;" per call
        mic.stream("count", (audio, in) -> {
            @SuppressWarnings("unchecked")
            List<Integer> seen = new ArrayList<>((List<Integer>) in.get(0));
            seen.add(audio.frameCount());
            return AdditionalOutputs.of(List.copyOf(seen), in.text(1, "") + seen.size() + ":" + audio.frameCount()
                    + ";");
        }).inputs(mic, lengths, log).outputs(lengths, log).streamEvery(0.5).concurrencyLimit(null);
        server = RiffleServer.create().app("/app", new Blocks("state").add(Column.of(mic, lengths, log))).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void sendPieces(WsTestClient c, int chunks, int firstSeq) {
        for (int i = 0; i < chunks; i++) {
            c.send(AudioSocketTest.chunk(48_000, 1, AudioSocketTest.tone(48_000, 440, i * 960, 960, 0.3),
                    firstSeq + i));
        }
    }

    @Test
    void stateAndTranscriptFollowTheOutputsAndStayPerSession() {
        try (WsTestClient c = WsTestClient.connect(server, "/app/streams/0");
                WsTestClient other = WsTestClient.connect(server, "/app/streams/0")) {
            c.start("pcm");
            c.nextQueue("admitted");
            sendPieces(c, 60, 1); // 1.2 s in 20 ms chunks: two whole 0.5 s pieces, 0.2 s left over
            JsonNode first = c.next("outputs").get("values");
            assertTrue(first.get(0).isNull(), "the state's value stays on the server: " + first);
            assertEquals("1:24000;", first.get(1).asText());
            assertEquals("1:24000;2:24000;", c.next("outputs").get("values").get(1).asText(),
                    "the state and the transcript of the first call came back as inputs");

            // the page sends its values: the text box's is taken, the state's is not (it cannot know it)
            c.send("{\"type\":\"inputs\",\"values\":[\"forged\",\"typed \"]}");
            sendPieces(c, 15, 61); // 0.2 s left over + 0.3 s = the third piece
            assertEquals("typed 3:24000;", c.next("outputs").get("values").get(1).asText(),
                    "the client's text went in, the state (2 pieces) was kept");

            other.start("pcm");
            other.nextQueue("admitted");
            sendPieces(other, 25, 1);
            assertEquals("1:24000;", other.next("outputs").get("values").get(1).asText(),
                    "another session starts from the initial state");
        }
    }
}
