package dev.riffle.handler;

import dev.riffle.media.VideoFrame;

/**
 * A handler that gets the camera and the microphone of one session - FastRTC's {@code AudioVideoStreamHandler}
 * ({@code Stream(handler, modality="audio-video", mode="send-receive")}): audio goes through {@link #receive} and
 * {@link #emit} as for a {@link StreamHandler}, video through {@link #videoReceive} and {@link #videoEmit}.
 *
 * <p>Audio and video are handled on two threads, one each: keep what the two sides share thread-safe (a volatile
 * field or a concurrent queue is enough for the usual "latest frame" or "frames so far").
 *
 * <pre>{@code
 * class Echo extends AudioVideoStreamHandler {
 *     private final Queue<AudioChunk> audio = new ConcurrentLinkedQueue<>();
 *     private final VideoHandler flip = Filters.FLIP.create();
 *
 *     public void receive(AudioChunk chunk) { audio.add(chunk); }
 *     public AudioChunk emit() { return audio.poll(); }
 *     public void videoReceive(VideoFrame frame) { }
 *     public AdditionalOutputs videoEmit(VideoFrame in, VideoFrame out) {
 *         flip.handle(in, out, latestArgs());
 *         return null;
 *     }
 *     public Echo copy() { return new Echo(); }
 * }
 * }</pre>
 */
public abstract class AudioVideoStreamHandler extends StreamHandler {
    /**
     * A camera frame arrived. It is only valid during this call; copy what you keep. Called before
     * {@link #videoEmit} for the same frame.
     */
    public abstract void videoReceive(VideoFrame frame);

    /**
     * The frame to send back for the camera frame {@code in} (the one {@link #videoReceive} just saw): write it into
     * {@code out}, which has {@code in}'s size. Video goes back at the camera's rate, the newest frame first when
     * the handler is slower.
     *
     * @return values for the stream's additional outputs, or {@code null}
     */
    public abstract AdditionalOutputs videoEmit(VideoFrame in, VideoFrame out);

    @Override
    public abstract AudioVideoStreamHandler copy();
}
