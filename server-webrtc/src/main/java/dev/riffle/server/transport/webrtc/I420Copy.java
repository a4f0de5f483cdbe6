package dev.riffle.server.transport.webrtc;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.engine.VideoPipeline;
import java.nio.ByteBuffer;

/**
 * A received WebRTC camera frame, copied out of libwebrtc's buffer on its callback thread (three plane copies, no
 * conversion) and converted to RGBA by libyuv on the handler's thread, just before the handler runs - so the
 * callback thread, which serves every session, does no per-pixel work, and no native frame is held past the
 * callback. A frame replaced by a newer one before its turn is never converted.
 */
final class I420Copy implements VideoPipeline.Incoming {
    private final long seq;
    private final int width;
    private final int height;
    private final byte[] y;
    private final byte[] u;
    private final byte[] v;
    private final Staging staging;

    /**
     * One session's direct buffers for the conversion (libyuv reads direct memory), reused frame after frame: a
     * session's frames are converted one at a time.
     */
    static final class Staging {
        private ByteBuffer y;
        private ByteBuffer u;
        private ByteBuffer v;

        private synchronized VideoFrame convert(I420Copy f) {
            if (y == null || y.capacity() < f.y.length || u.capacity() < f.u.length) {
                y = ByteBuffer.allocateDirect(f.y.length);
                u = ByteBuffer.allocateDirect(f.u.length);
                v = ByteBuffer.allocateDirect(f.v.length);
            }
            y.clear().put(f.y).flip();
            u.clear().put(f.u).flip();
            v.clear().put(f.v).flip();
            VideoFrame rgba = VideoFrame.allocate(f.width, f.height);
            try {
                VideoBufferConverter.convertFromI420(new Planes(f.width, f.height, y, u, v), rgba.buffer(),
                        FourCC.ABGR);
            } catch (Exception e) {
                throw new IllegalArgumentException("The received frame could not be converted: " + e.getMessage(), e);
            }
            return rgba;
        }
    }

    private I420Copy(long seq, int width, int height, byte[] y, byte[] u, byte[] v, Staging staging) {
        this.seq = seq;
        this.width = width;
        this.height = height;
        this.y = y;
        this.u = u;
        this.v = v;
        this.staging = staging;
    }

    /** Copies {@code buffer}'s planes (tightly packed); the caller still owns and releases {@code buffer}. */
    static I420Copy of(long seq, VideoFrameBuffer buffer, Staging staging) {
        I420Buffer i420 = buffer.toI420();
        try {
            int w = i420.getWidth();
            int h = i420.getHeight();
            int cw = (w + 1) / 2;
            int ch = (h + 1) / 2;
            return new I420Copy(seq, w, h, plane(i420.getDataY(), i420.getStrideY(), w, h),
                    plane(i420.getDataU(), i420.getStrideU(), cw, ch), plane(i420.getDataV(), i420.getStrideV(), cw, ch),
                    staging);
        } finally {
            if (i420 != buffer) {
                i420.release(); // a converted copy of another kind of buffer; an I420 buffer returns itself
            }
        }
    }

    private static byte[] plane(ByteBuffer data, int stride, int width, int rows) {
        byte[] out = new byte[width * rows];
        ByteBuffer src = data.duplicate();
        for (int r = 0; r < rows; r++) {
            src.position(r * stride);
            src.get(out, r * width, width);
        }
        return out;
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public VideoFrame decode() {
        return staging.convert(this);
    }

    /** The copied planes as the converter reads them: tightly packed, strides = widths. */
    private record Planes(int width, int height, ByteBuffer y, ByteBuffer u, ByteBuffer v) implements I420Buffer {
        @Override
        public ByteBuffer getDataY() {
            return y;
        }

        @Override
        public ByteBuffer getDataU() {
            return u;
        }

        @Override
        public ByteBuffer getDataV() {
            return v;
        }

        @Override
        public int getStrideY() {
            return width;
        }

        @Override
        public int getStrideU() {
            return (width + 1) / 2;
        }

        @Override
        public int getStrideV() {
            return (width + 1) / 2;
        }

        @Override
        public int getWidth() {
            return width;
        }

        @Override
        public int getHeight() {
            return height;
        }

        @Override
        public I420Buffer toI420() {
            return this;
        }

        @Override
        public VideoFrameBuffer cropAndScale(int cropX, int cropY, int cropWidth, int cropHeight, int scaleWidth,
                int scaleHeight) {
            throw new UnsupportedOperationException("a copied frame is only converted");
        }

        @Override
        public void retain() {
            // Java memory: nothing to count
        }

        @Override
        public void release() {
            // Java memory: the collector frees it
        }
    }
}
