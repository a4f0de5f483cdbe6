package dev.riffle.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.handler.CloseStream;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import dev.riffle.stream.ErrorCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioPipelineTest {
    private final ManualExecutor executor = new ManualExecutor();
    private final List<Short> outputs = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final AudioPipeline.Listener listener = new AudioPipeline.Listener() {
        @Override
        public void output(AudioChunk chunk) {
            outputs.add(chunk.samples()[0]);
        }

        @Override
        public void ended(ErrorCode code, String message) {
            log.add("ended: " + message);
        }
    };

    /** FastRTC's echo: what comes in goes out, in order. */
    final class Echo extends StreamHandler {
        private final ArrayDeque<AudioChunk> queue = new ArrayDeque<>();

        @Override
        public void receive(AudioChunk chunk) {
            if (chunk.samples()[0] == 99) {
                throw new CloseStream("bye");
            }
            queue.add(chunk);
        }

        @Override
        public AudioChunk emit() {
            return queue.poll();
        }

        @Override
        public StreamHandler copy() {
            return new Echo();
        }

        @Override
        public void startUp() {
            log.add("startUp");
        }

        @Override
        public void shutdown() {
            log.add("shutdown");
        }
    }

    private static AudioChunk chunk(int tag) {
        short[] samples = new short[480]; // 10 ms at 48 kHz
        samples[0] = (short) tag;
        return new AudioChunk(48_000, 1, samples);
    }

    @Test
    void chunks_areNeverDropped_andKeepTheirOrder() {
        AudioPipeline pipeline = new AudioPipeline(new Echo(), executor, listener, 5_000);
        for (int i = 1; i <= 50; i++) {
            pipeline.offer(chunk(i));
        }
        executor.runAll();
        assertEquals(50, outputs.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i + 1, (int) outputs.get(i));
        }
        assertEquals(50, pipeline.processed());
    }

    @Test
    void lifecycle_startUpOnce_thenShutdownOnClose() {
        AudioPipeline pipeline = new AudioPipeline(new Echo(), executor, listener, 5_000);
        pipeline.offer(chunk(1));
        pipeline.offer(chunk(2));
        executor.runAll();
        pipeline.close();
        executor.runAll();
        assertEquals(List.of("startUp", "shutdown"), log);
        pipeline.offer(chunk(3));
        executor.runAll();
        assertEquals(2, outputs.size(), "nothing after close");
    }

    @Test
    void aHandlerTooFarBehind_endsTheStreamWithAClearMessage() {
        AudioPipeline pipeline = new AudioPipeline(new Echo(), executor, listener, 100);
        for (int i = 1; i <= 11; i++) {
            pipeline.offer(chunk(i)); // 110 ms queued, nothing processed
        }
        executor.runAll();
        assertEquals(0, outputs.size());
        assertEquals(1, log.size());
        assertTrue(log.get(0).contains("more than 100 ms behind"), log.get(0));
    }

    @Test
    void closeStream_fromTheHandler_endsCleanly() {
        AudioPipeline pipeline = new AudioPipeline(new Echo(), executor, listener, 5_000);
        pipeline.offer(chunk(1));
        pipeline.offer(chunk(99));
        pipeline.offer(chunk(2));
        executor.runAll();
        assertEquals(List.of((short) 1), outputs);
        assertEquals(List.of("startUp", "shutdown", "ended: bye"), log);
    }
}
