package dev.riffle.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Flip;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.CloseStream;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VideoPipelineTest {
    private final ManualExecutor executor = new ManualExecutor();
    private final List<Integer> outputs = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final VideoPipeline.Listener listener = new VideoPipeline.Listener() {
        @Override
        public void output(long seq, VideoFrame in, VideoFrame out, AdditionalOutputs extra,
                    long startedNanos) {
            outputs.add(in.pixel(0) & 0xFF);
        }

        @Override
        public void failed(long seq, RuntimeException error) {
            errors.add(error.getMessage());
        }

        @Override
        public void closedByHandler(String message) {
            errors.add("closed: " + message);
        }
    };

    private static VideoFrame frame(int tag) {
        VideoFrame f = VideoFrame.allocate(2, 2);
        f.setPixel(0, VideoFrame.rgba(tag, 0, 0, 255));
        return f;
    }

    @Test
    void framesArrivingWhileBusy_keepOnlyTheLatest_andCountTheDropped() {
        VideoPipeline pipeline = new VideoPipeline(new Flip(), executor, listener);
        pipeline.offer(frame(1));
        assertEquals(1, executor.queued(), "one task, not one per frame");
        pipeline.offer(frame(2));
        pipeline.offer(frame(3));
        assertEquals(1, executor.queued());
        executor.runAll();
        assertEquals(List.of(3), outputs, "frames 1 and 2 were replaced before the handler ran");
        assertEquals(3, pipeline.received());
        assertEquals(1, pipeline.processed());
        assertEquals(2, pipeline.dropped());
    }

    @Test
    void atMostOneCallInFlight_andEachFrameIsItsOwnTask() {
        VideoPipeline pipeline = new VideoPipeline(new Flip(), executor, listener);
        pipeline.offer(frame(1));
        executor.runOne();
        pipeline.offer(frame(2));
        pipeline.offer(frame(3));
        assertEquals(1, executor.queued());
        executor.runOne();
        assertEquals(List.of(1, 3), outputs);
        assertEquals(0, executor.queued());
    }

    @Test
    void inputsChangedMidStream_applyFromTheNextFrame() {
        List<Object> seen = new ArrayList<>();
        VideoHandler handler = (in, out, inputs) -> seen.add(inputs.get(0));
        VideoPipeline pipeline = new VideoPipeline(handler, executor, listener);
        pipeline.setInputs(Inputs.of("flip"));
        pipeline.offer(frame(1));
        executor.runAll();
        pipeline.setInputs(Inputs.of("edges"));
        pipeline.offer(frame(2));
        executor.runAll();
        assertEquals(List.of("flip", "edges"), seen);
    }

    @Test
    void aFailingFrame_isReported_andTheStreamGoesOn() {
        VideoHandler handler = (in, out, inputs) -> {
            if ((in.pixel(0) & 0xFF) == 2) {
                throw new IllegalStateException("bad frame 2");
            }
        };
        VideoPipeline pipeline = new VideoPipeline(handler, executor, listener);
        for (int i = 1; i <= 3; i++) {
            pipeline.offer(frame(i));
            executor.runAll();
        }
        assertEquals(List.of(1, 3), outputs);
        assertEquals(List.of("bad frame 2"), errors);
        assertEquals(1, pipeline.failed());
    }

    @Test
    void closeStream_endsThePipelineCleanly() {
        VideoHandler handler = (in, out, inputs) -> {
            throw new CloseStream("done");
        };
        VideoPipeline pipeline = new VideoPipeline(handler, executor, listener);
        pipeline.offer(frame(1));
        executor.runAll();
        pipeline.offer(frame(2));
        assertEquals(0, executor.queued(), "closed: no more work");
        assertEquals(List.of("closed: done"), errors);
    }

    @Test
    void aHangingHandler_doesNotStallAnotherSession() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch release = new CountDownLatch(1);
        try {
            CountDownLatch started = new CountDownLatch(1);
            VideoPipeline slow = new VideoPipeline((in, out, inputs) -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, pool, new VideoPipeline.Listener() { });
            BlockingQueue<VideoFrame> fastOutputs = new LinkedBlockingQueue<>();
            VideoPipeline fast = new VideoPipeline(new Flip(), pool, new VideoPipeline.Listener() {
                @Override
                public void output(long seq, VideoFrame in, VideoFrame out, AdditionalOutputs extra,
                    long startedNanos) {
                    fastOutputs.add(out);
                }
            });
            slow.offer(frame(1));
            assertTrue(started.await(10, TimeUnit.SECONDS), "the slow handler got its first frame");
            for (int i = 0; i < 3; i++) {
                fast.offer(frame(i));
                assertNotNull(fastOutputs.poll(10, TimeUnit.SECONDS), "frame " + i + " of the other session");
            }
            slow.offer(frame(2));
            slow.offer(frame(3));
            assertEquals(0, slow.processed(), "the slow one is still on its first frame");
            assertEquals(1, slow.dropped(), "and keeps only the latest waiting frame");
        } finally {
            release.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
