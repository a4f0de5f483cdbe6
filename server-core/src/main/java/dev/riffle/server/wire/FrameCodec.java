package dev.riffle.server.wire;

import dev.riffle.media.VideoFrame;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The binary message that carries one video frame, in both directions: a 16-byte header, then the image.
 *
 * <pre>
 * offset size  field (big-endian)
 *  0     1     magic 'R' (0x52)
 *  1     1     format: 1 = RAW (RGBA), 2 = JPEG
 *  2     2     reserved, 0
 *  4     4     seq: the sender's frame number (the server echoes the input's seq on its output)
 *  8     2     width
 * 10     2     height
 * 12     4     server to client: microseconds the server spent on the frame (decode, handler, encode); else 0
 * 16     ...   RAW: width*height*4 bytes; JPEG: the JPEG file
 * </pre>
 */
public final class FrameCodec {
    /** Header length in bytes. */
    public static final int HEADER = 16;
    private static final byte MAGIC = 'R';

    private FrameCodec() {
    }

    /**
     * A received frame whose header was checked; its image is decoded by {@link #decode()}, on the handler's
     * thread when the session's video pipeline takes it.
     */
    public record Received(FrameFormat format, long seq, int width, int height, byte[] message) {
        /**
         * The frame's pixels: RAW wraps the message without copying, JPEG is decoded.
         *
         * @throws ApiError {@code bad_frame} if the JPEG cannot be read or its size differs from the header's
         */
        public VideoFrame decode() {
            if (format == FrameFormat.RAW) {
                return VideoFrame.wrap(width, height, ByteBuffer.wrap(message).slice(HEADER, width * height * 4));
            }
            return decodeJpeg(this);
        }
    }

    /**
     * Checks a binary message's header (on the transport thread: cheap, no decoding).
     *
     * @param maxPixels the most pixels a frame may have
     * @throws ApiError {@code bad_frame} (400) for a short or unknown message, {@code frame_dimensions} (413) for
     *     a size of 0 or over the limit, {@code frame_size_mismatch} (400) when a RAW payload is not width*height*4
     */
    public static Received parse(byte[] message, long maxPixels) {
        if (message.length < HEADER || message[0] != MAGIC) {
            throw new ApiError(ErrorCode.BAD_FRAME, "A binary message must be a frame: a 16-byte header starting with"
                    + " 'R', then the image (got " + message.length + " bytes)");
        }
        ByteBuffer header = ByteBuffer.wrap(message, 0, HEADER).order(ByteOrder.BIG_ENDIAN);
        FrameFormat format = FrameFormat.ofCode(header.get(1));
        if (format == null) {
            throw new ApiError(ErrorCode.BAD_FRAME, "Unknown frame format " + header.get(1) + " (1 = RAW, 2 = JPEG)");
        }
        long seq = Integer.toUnsignedLong(header.getInt(4));
        int width = Short.toUnsignedInt(header.getShort(8));
        int height = Short.toUnsignedInt(header.getShort(10));
        if (width < 1 || height < 1 || width > VideoFrame.MAX_DIMENSION || height > VideoFrame.MAX_DIMENSION
                || (long) width * height > maxPixels) {
            throw new ApiError(ErrorCode.FRAME_DIMENSIONS, "A " + width + "x" + height + " frame is outside what this"
                    + " stream accepts: 1.." + VideoFrame.MAX_DIMENSION + " per side and at most " + maxPixels
                    + " pixels", Map.of("width", width, "height", height, "max_pixels", maxPixels));
        }
        if (format == FrameFormat.RAW && message.length - HEADER != width * height * 4) {
            throw new ApiError(ErrorCode.FRAME_SIZE_MISMATCH, "A RAW " + width + "x" + height + " frame needs "
                    + width * height * 4 + " bytes after the header, got " + (message.length - HEADER),
                    Map.of("expected", width * height * 4, "actual", message.length - HEADER));
        }
        if (format == FrameFormat.JPEG) {
            int[] size = jpegSize(message, HEADER);
            if (size == null) {
                throw new ApiError(ErrorCode.BAD_FRAME, "Frame " + seq + " is not a JPEG image: no frame header (SOF"
                        + " marker) before its image data");
            }
            if (size[0] != width || size[1] != height) {
                // checked before any decoding: a few hundred bytes may declare a 20000x20000 image
                throw new ApiError(ErrorCode.FRAME_SIZE_MISMATCH, "Frame " + seq + " declares " + width + "x" + height
                        + " but its JPEG says " + size[0] + "x" + size[1] + "; it was not decoded",
                        Map.of("declared", width + "x" + height, "actual", size[0] + "x" + size[1]));
            }
        }
        return new Received(format, seq, width, height, message);
    }

    /**
     * The width and height a JPEG declares in its frame header (the SOF0..SOF15 marker segment, read by walking the
     * marker segments from the start), or null when there is none before the image data or the bytes are not a
     * JPEG. Reads a few bytes per segment; decodes nothing.
     */
    static int[] jpegSize(byte[] m, int offset) {
        int i = offset;
        if (m.length - i < 4 || (m[i] & 0xFF) != 0xFF || (m[i + 1] & 0xFF) != 0xD8) {
            return null;
        }
        i += 2;
        while (i + 4 <= m.length) {
            if ((m[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = m[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                i += 2; // no length
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return null; // end of image or start of scan before any frame header
            }
            int length = (m[i + 2] & 0xFF) << 8 | (m[i + 3] & 0xFF);
            if (length < 2) {
                return null;
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (i + 9 > m.length) {
                    return null;
                }
                int height = (m[i + 5] & 0xFF) << 8 | (m[i + 6] & 0xFF);
                int width = (m[i + 7] & 0xFF) << 8 | (m[i + 8] & 0xFF);
                return new int[] {width, height};
            }
            i += 2 + length;
        }
        return null;
    }

    /** Writes a header into the first {@link #HEADER} bytes of {@code message}. */
    public static void writeHeader(ByteBuffer message, FrameFormat format, long seq, int width, int height,
            long serverMicros) {
        message.order(ByteOrder.BIG_ENDIAN);
        message.put(0, MAGIC);
        message.put(1, (byte) format.code);
        message.putShort(2, (short) 0);
        message.putInt(4, (int) seq);
        message.putShort(8, (short) width);
        message.putShort(10, (short) height);
        message.putInt(12, (int) Math.min(Integer.MAX_VALUE, Math.max(0, serverMicros)));
    }

    /** A whole RAW message for {@code frame} (header + a copy of its pixels). */
    public static byte[] encodeRaw(VideoFrame frame, long seq) {
        int n = frame.width() * frame.height() * 4;
        byte[] message = new byte[HEADER + n];
        ByteBuffer buffer = ByteBuffer.wrap(message);
        writeHeader(buffer, FrameFormat.RAW, seq, frame.width(), frame.height(), 0);
        buffer.put(HEADER, frame.buffer(), 0, n);
        return message;
    }

    private static VideoFrame decodeJpeg(Received r) {
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(
                new ByteArrayInputStream(r.message, HEADER, r.message.length - HEADER))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ApiError(ErrorCode.BAD_FRAME, "Frame " + r.seq + " is not a readable JPEG image: " + e.getMessage());
        }
        if (image.getWidth() != r.width || image.getHeight() != r.height) {
            throw new ApiError(ErrorCode.FRAME_SIZE_MISMATCH, "Frame " + r.seq + " declares " + r.width + "x" + r.height
                    + " but its JPEG is " + image.getWidth() + "x" + image.getHeight(),
                    Map.of("declared", r.width + "x" + r.height, "actual", image.getWidth() + "x" + image.getHeight()));
        }
        VideoFrame frame = VideoFrame.allocate(r.width, r.height);
        ByteBuffer px = frame.buffer();
        int n = r.width * r.height;
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0, j = 0; i < n; i++, j += 3) {
                px.putInt(i * 4, (bgr[j + 2] & 0xFF) | (bgr[j + 1] & 0xFF) << 8 | (bgr[j] & 0xFF) << 16 | 0xFF000000);
            }
        } else if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] gray = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < n; i++) {
                int g = gray[i] & 0xFF;
                px.putInt(i * 4, g | g << 8 | g << 16 | 0xFF000000);
            }
        } else {
            int[] argb = image.getRGB(0, 0, r.width, r.height, null, 0, r.width);
            for (int i = 0; i < n; i++) {
                int c = argb[i];
                px.putInt(i * 4, (c >> 16 & 0xFF) | (c & 0xFF00) | (c & 0xFF) << 16 | 0xFF000000);
            }
        }
        return frame;
    }

    /**
     * Encodes frames as JPEG messages, reusing its image and writer between frames. One per session (not
     * thread-safe); {@link #close()} releases the writer.
     */
    public static final class JpegEncoder implements AutoCloseable {
        private final float quality;
        private final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        private BufferedImage image;

        /** @param quality 0..1; browsers default to 0.92 for canvas.toBlob, Riffle's client sends 0.8 */
        public JpegEncoder(float quality) {
            this.quality = quality;
        }

        /**
         * A whole JPEG message for {@code frame}, header included; its server time runs from {@code startedNanos}
         * ({@link System#nanoTime()}, 0 for none) to the end of encoding.
         */
        public byte[] encode(VideoFrame frame, long seq, long startedNanos) {
            int w = frame.width();
            int h = frame.height();
            if (image == null || image.getWidth() != w || image.getHeight() != h) {
                image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            }
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            ByteBuffer px = frame.buffer();
            for (int i = 0, j = 0, n = w * h; i < n; i++, j += 3) {
                int c = px.getInt(i * 4);
                bgr[j] = (byte) (c >> 16);
                bgr[j + 1] = (byte) (c >> 8);
                bgr[j + 2] = (byte) c;
            }
            bytes.reset();
            bytes.writeBytes(new byte[HEADER]);
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(image, null, null), param);
            } catch (IOException e) {
                throw new UncheckedIOException("JPEG encoding failed", e);
            }
            byte[] message = bytes.toByteArray();
            long micros = startedNanos == 0 ? 0 : (System.nanoTime() - startedNanos) / 1000;
            writeHeader(ByteBuffer.wrap(message), FrameFormat.JPEG, seq, w, h, micros);
            return message;
        }

        @Override
        public void close() {
            writer.dispose();
        }
    }
}
