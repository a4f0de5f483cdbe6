package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.filters.Filters;
import dev.riffle.handler.Inputs;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.engine.Engine;
import dev.riffle.server.engine.Peer;
import dev.riffle.server.engine.StreamSession;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.wire.FrameFormat;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A session ended by an error is closed with that error's code even when its client hangs up the moment it reads
 * the error (here on the same call, the worst case): the error and the close are one step. Before, the hang-up won
 * and the session closed as "left" (SessionLogsTest saw it, now and then, as "transport_error").
 */
class HangUpOnErrorTest {
    /** A client that hangs up as soon as an error reaches it (its session: the stream's one not holding a slot). */
    private static final class HangingUp implements Peer {
        final List<JsonNode> texts = new CopyOnWriteArrayList<>();
        final Stream stream;

        HangingUp(Stream stream) {
            this.stream = stream;
        }

        @Override
        public void sendText(String json) {
            try {
                JsonNode m = Wire.JSON.readTree(json);
                texts.add(m);
                if ("error".equals(m.path("type").asText())) {
                    stream.runtime().sessions().values().stream().filter(s -> !s.isAdmitted())
                            .forEach(s -> s.close(ErrorCode.LEFT, "The client disconnected."));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void fastRtcNotice(String type, Object data) {
        }

        @Override
        public void sendVideo(VideoFrame frame, long seq, long startedNanos) {
        }

        @Override
        public void sendAudio(AudioChunk frame, long seq) {
        }

        @Override
        public int audioLeadMillis() {
            return 0;
        }

        @Override
        public CompletableFuture<Void> mediaReady() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public long stalledNanos() {
            return 0;
        }

        @Override
        public void close(ErrorCode code) {
        }

        @Override
        public CompletableFuture<Void> flushed() {
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void aRefusedSession_closesWithItsRefusal_notWithTheHangUp() {
        Engine engine = new Engine(10, Duration.ofSeconds(15));
        try {
            Stream stream = Stream.video(Filters.FLIP).concurrencyLimit(1).queueOverLimit(false).build();
            stream.runtime().attach(engine, "/solo");
            StreamSession.open(stream.runtime(), engine, new HangingUp(stream), FrameFormat.RAW, Inputs.none());
            HangingUp refused = new HangingUp(stream);
            ApiError error = assertThrows(ApiError.class, () -> StreamSession.open(stream.runtime(), engine,
                    refused, FrameFormat.RAW, Inputs.none()));
            assertEquals("concurrency_limit_reached", error.code());
            List<String> kinds = refused.texts.stream().map(m -> m.path("type").asText()).toList();
            assertEquals(List.of("error", "closed"), kinds.subList(kinds.size() - 2, kinds.size()), kinds.toString());
            assertEquals("concurrency_limit_reached", refused.texts.get(kinds.size() - 1).path("code").asText(),
                    "closed with the refusal, not with the hang-up");
        } finally {
            engine.close();
        }
    }
}
