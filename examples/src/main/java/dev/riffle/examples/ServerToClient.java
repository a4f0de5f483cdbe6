package dev.riffle.examples;

import dev.riffle.blocks.Audio;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Button;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.Image;
import dev.riffle.blocks.Slider;
import dev.riffle.handler.Inputs;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.VideoFrame;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * This example shows how to:
 * <ul>
 * <li>stream from the server to the client only (FastRTC's {@code mode="receive"}), started by a button
 * ({@code trigger=button.click}) - the user guide's two "Server-to-Client Only" examples;</li>
 * <li>write the stream as a generator: a {@code java.util.stream.Stream} pulled lazily, as fast as the page plays
 * it - audio in real time, video at 30 frames per second;</li>
 * <li>pass an input to the generator: the audio's "Number of Steps" slider.</li>
 * </ul>
 * The audio is a tone (0.5 s of 440 Hz per step); the video is generated frames: colour bars with a square that
 * moves, and the frame number in the top row of blocks (white = 1, black = 0, 16 bits) for tests.
 */
public final class ServerToClient {
    static final int RATE = 48_000;
    static final double TONE_HZ = 440;
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    /** side of one bit of the frame number, in pixels */
    static final int TAG = 20;
    private static final int[] BARS = {VideoFrame.rgba(192, 192, 192, 255), VideoFrame.rgba(192, 192, 0, 255),
        VideoFrame.rgba(0, 192, 192, 255), VideoFrame.rgba(0, 192, 0, 255), VideoFrame.rgba(192, 0, 192, 255),
        VideoFrame.rgba(192, 0, 0, 255), VideoFrame.rgba(0, 0, 192, 255), VideoFrame.rgba(16, 16, 16, 255)};

    private ServerToClient() {
    }

    /** The seed's {@code generation(num_steps)}: each step yields 0.5 s of tone in 20 ms chunks, then 0.1 s of silence. */
    static Stream<AudioChunk> tone(Inputs in) {
        int steps = (int) Math.round(in.number(0, 5));
        return IntStream.range(0, steps).boxed().flatMap(step -> IntStream.range(0, 30).mapToObj(i -> {
            short[] s = new short[RATE / 50];
            if (i < 25) {
                for (int j = 0; j < s.length; j++) {
                    long n = (long) i * s.length + j;
                    s[j] = (short) Math.round(Math.sin(2 * Math.PI * TONE_HZ * n / RATE) * 0.3 * 32767);
                }
            }
            return new AudioChunk(RATE, 1, s);
        }));
    }

    /** 60 s of generated frames (the seed reads a video file; any source of frames fits). */
    public static Stream<VideoFrame> frames(Inputs in) {
        return LongStream.range(0, 60 * 30).mapToObj(ServerToClient::frame);
    }

    static VideoFrame frame(long n) {
        VideoFrame f = VideoFrame.allocate(WIDTH, HEIGHT);
        int square = (int) (n * 8 % (WIDTH - 80));
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgba = BARS[x * BARS.length / WIDTH];
                if (y < TAG) {
                    int bit = x / TAG;
                    rgba = bit < 16 && ((n >> (15 - bit)) & 1) == 1 ? VideoFrame.rgba(255, 255, 255, 255)
                            : VideoFrame.rgba(0, 0, 0, 255);
                } else if (y >= 300 && y < 380 && x >= square && x < square + 80) {
                    rgba = VideoFrame.rgba(255, 255, 255, 255);
                }
                f.setPixel(x, y, rgba);
            }
        }
        return f;
    }

    /** The user guide's audio example: a "Number of Steps" slider and a "Generate" button. */
    public static Blocks audioApp() {
        Audio audio = Audio.output().streaming(true).label("Stream");
        Slider steps = Slider.of(1, 10).step(1).value(5).label("Number of Steps");
        Button button = Button.create("Generate");
        audio.stream("generation", ServerToClient::tone).inputs(steps).outputs(audio).trigger(button);
        return new Blocks("Server to client: audio (mode receive)").add(Column.of(audio, steps, button));
    }

    /** The user guide's video example: a "Start" button plays generated frames. */
    public static Blocks videoApp() {
        Image video = Image.output().streaming(true).label("Video Stream");
        Button button = Button.create("Start");
        video.stream("generation", ServerToClient::frames).outputs(video).trigger(button);
        return new Blocks("Server to client: video (mode receive)").add(Column.of(video, button));
    }
}
