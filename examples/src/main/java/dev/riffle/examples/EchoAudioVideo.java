package dev.riffle.examples;

import dev.riffle.blocks.Audio;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Image;
import dev.riffle.blocks.Row;
import dev.riffle.filters.Filters;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.AudioVideoStreamHandler;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.VideoFrame;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * This example shows how to:
 * <ul>
 * <li>write a FastRTC {@code AudioVideoStreamHandler} - one handler for the camera and the microphone of a session:
 * {@code receive}/{@code emit} for audio, {@code videoReceive}/{@code videoEmit} for video;</li>
 * <li>stream a {@link Image#webcamAndMicrophone() camera with its microphone} that shows the answer in place of the
 * camera, with the answer's audio in a player (FastRTC's {@code modality="audio-video"}, over WebRTC).</li>
 * </ul>
 * The handler echoes the microphone and flips the camera upside down. Audio and video arrive on two threads, so the
 * audio queue is a concurrent one.
 */
public final class EchoAudioVideo extends AudioVideoStreamHandler {
    private final ConcurrentLinkedQueue<AudioChunk> audio = new ConcurrentLinkedQueue<>();
    private final VideoHandler flip = Filters.FLIP.create();

    @Override
    public void receive(AudioChunk chunk) {
        audio.add(chunk);
    }

    @Override
    public AudioChunk emit() {
        return audio.poll();
    }

    @Override
    public void videoReceive(VideoFrame frame) {
        // nothing to keep: videoEmit answers the same frame
    }

    @Override
    public AdditionalOutputs videoEmit(VideoFrame in, VideoFrame out) {
        flip.handle(in, out, latestArgs());
        return null;
    }

    @Override
    public EchoAudioVideo copy() {
        return new EchoAudioVideo();
    }

    public static Blocks app() {
        Image camera = Image.webcamAndMicrophone().label("Camera and microphone");
        Audio answer = Audio.output().streaming(true).label("What the handler sends back");
        camera.streamAudioVideo("echo-audio-video", EchoAudioVideo::new).inputs(camera).outputs(camera, answer)
                .timeLimit(30);
        return new Blocks("Echo audio and video (AudioVideoStreamHandler)").add(Row.of(camera, answer));
    }
}
