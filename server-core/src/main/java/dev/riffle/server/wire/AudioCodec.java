package dev.riffle.server.wire;

import dev.riffle.media.AudioChunk;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * The binary message that carries one audio chunk, in both directions: a 16-byte header, then 16-bit little-endian
 * PCM samples (interleaved when there are two channels) - the layout of a WAV file's data and of Web Audio's
 * {@code Int16Array} on every browser platform.
 *
 * <pre>
 * offset size  field (big-endian, like video frames)
 *  0     1     magic 'A' (0x41)
 *  1     1     format: 1 = PCM s16le
 *  2     1     channels: 1 or 2
 *  3     1     reserved, 0
 *  4     4     seq: the sender's chunk number
 *  8     4     sample rate in Hz, 8000..96000
 * 12     4     server to client: microseconds the server spent on the chunk that caused this one; else 0
 * 16     ...   samples
 * </pre>
 */
public final class AudioCodec {
    /** Header length in bytes. */
    public static final int HEADER = 16;
    /** The magic byte that tells an audio message from a video frame. */
    public static final byte MAGIC = 'A';
    public static final int MIN_RATE = 8000;
    public static final int MAX_RATE = 96_000;
    public static final int MAX_CHANNELS = 2;
    /** The longest chunk accepted (Gradio-style streams send {@code stream_every} seconds at a time). */
    public static final int MAX_MILLIS = 2000;
    /** The largest message a client may send: {@link #MAX_MILLIS} at the highest rate, two channels. */
    public static final int MAX_MESSAGE = HEADER + MAX_RATE * MAX_CHANNELS * 2 * MAX_MILLIS / 1000;
    private static final byte PCM_S16LE = 1;

    private AudioCodec() {
    }

    /** A checked chunk and the sender's number for it. */
    public record Received(long seq, AudioChunk chunk) {
    }

    /**
     * Reads and checks an audio message.
     *
     * @throws ApiError {@code bad_audio} (400) for a short message, an unknown format, a sample rate or channel
     *     count outside what is accepted, or a payload that is not whole samples; {@code audio_chunk_too_long}
     *     (413) for more than {@link #MAX_MILLIS} ms
     */
    public static Received parse(byte[] message) {
        if (message.length < HEADER || message[0] != MAGIC) {
            throw new ApiError(ErrorCode.BAD_AUDIO, "A binary message on an audio stream must be an audio chunk: a"
                    + " 16-byte header starting with 'A', then 16-bit PCM (got " + message.length + " bytes)");
        }
        ByteBuffer header = ByteBuffer.wrap(message, 0, HEADER).order(ByteOrder.BIG_ENDIAN);
        if (header.get(1) != PCM_S16LE) {
            throw new ApiError(ErrorCode.BAD_AUDIO, "Unknown audio format " + header.get(1) + " (1 = PCM s16le)");
        }
        int channels = Byte.toUnsignedInt(header.get(2));
        long seq = Integer.toUnsignedLong(header.getInt(4));
        long rate = Integer.toUnsignedLong(header.getInt(8));
        if (channels < 1 || channels > MAX_CHANNELS || rate < MIN_RATE || rate > MAX_RATE) {
            throw new ApiError(ErrorCode.BAD_AUDIO, "Audio must be 1 or 2 channels at " + MIN_RATE + ".." + MAX_RATE
                    + " Hz, got " + channels + " channel(s) at " + rate + " Hz",
                    Map.of("channels", channels, "sample_rate", rate));
        }
        int bytes = message.length - HEADER;
        if (bytes % (2 * channels) != 0) {
            throw new ApiError(ErrorCode.BAD_AUDIO, "Chunk " + seq + " has " + bytes + " bytes of samples, not a whole"
                    + " number of " + channels + "-channel 16-bit frames");
        }
        int frames = bytes / (2 * channels);
        if ((long) frames * 1000 > (long) MAX_MILLIS * rate) {
            throw new ApiError(ErrorCode.AUDIO_CHUNK_TOO_LONG, "Chunk " + seq + " holds " + frames * 1000L / rate
                    + " ms of audio; at most " + MAX_MILLIS + " ms per message",
                    Map.of("millis", frames * 1000L / rate, "max_millis", MAX_MILLIS));
        }
        short[] samples = new short[frames * channels];
        ByteBuffer.wrap(message, HEADER, bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return new Received(seq, new AudioChunk((int) rate, channels, samples));
    }

    /**
     * Checks that {@code chunk} can be sent.
     *
     * @throws IllegalArgumentException if its rate or channels cannot be sent
     */
    public static void check(AudioChunk chunk) {
        if (chunk.channels() > MAX_CHANNELS || chunk.sampleRate() < MIN_RATE || chunk.sampleRate() > MAX_RATE) {
            throw new IllegalArgumentException("Cannot send " + chunk + ": 1 or 2 channels at " + MIN_RATE + ".."
                    + MAX_RATE + " Hz");
        }
    }

    /**
     * A whole message for {@code chunk}.
     *
     * @throws IllegalArgumentException if the chunk's rate or channels cannot be sent
     */
    public static byte[] encode(AudioChunk chunk, long seq, long serverMicros) {
        check(chunk);
        short[] samples = chunk.samples();
        byte[] message = new byte[HEADER + samples.length * 2];
        ByteBuffer header = ByteBuffer.wrap(message).order(ByteOrder.BIG_ENDIAN);
        header.put(0, MAGIC);
        header.put(1, PCM_S16LE);
        header.put(2, (byte) chunk.channels());
        header.putInt(4, (int) seq);
        header.putInt(8, chunk.sampleRate());
        header.putInt(12, (int) Math.min(Integer.MAX_VALUE, Math.max(0, serverMicros)));
        ByteBuffer.wrap(message, HEADER, samples.length * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer()
                .put(samples);
        return message;
    }
}
