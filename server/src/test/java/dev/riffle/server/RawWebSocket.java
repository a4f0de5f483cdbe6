package dev.riffle.server;

import dev.riffle.server.wire.FrameCodec;
import dev.riffle.server.wire.FrameFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;

/**
 * A WebSocket client on a raw socket with a 4 KB receive buffer, for hostile-client tests: it sends masked frames
 * and, unless told to {@link #drain}, never reads after the handshake - the server's sends to it fill the socket
 * buffers and stay unfinished.
 */
public final class RawWebSocket implements AutoCloseable {
    private final Socket socket = new Socket();
    private final OutputStream out;

    /** Connects to {@code path} on 127.0.0.1 and completes the upgrade. */
    public RawWebSocket(int port, String path) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        int matched = 0; // the 101 response's head, up to its blank line
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    /** Reads and drops whatever the server sends, on a virtual thread: a client that does read. */
    public void drain() {
        Thread.ofVirtual().start(() -> {
            byte[] sink = new byte[65536];
            try (InputStream in = socket.getInputStream()) {
                while (in.read(sink) >= 0) {
                    // dropped
                }
            } catch (IOException closed) {
                // done
            }
        });
    }

    public void text(String s) throws IOException {
        frame(0x1, s.getBytes(StandardCharsets.UTF_8));
    }

    public void binary(byte[] b) throws IOException {
        frame(0x2, b);
    }

    /** One masked frame, as a client must send it. */
    private void frame(int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        int n = payload.length;
        byte first = (byte) (0x80 | opcode);
        byte[] head = n < 126 ? new byte[] {first, (byte) (0x80 | n)}
                : n < 65536 ? new byte[] {first, (byte) (0x80 | 126), (byte) (n >> 8), (byte) n}
                : new byte[] {first, (byte) (0x80 | 127), 0, 0, 0, 0, (byte) (n >> 24), (byte) (n >> 16),
                    (byte) (n >> 8), (byte) n};
        byte[] masked = new byte[n];
        for (int i = 0; i < n; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        synchronized (this) {
            out.write(head);
            out.write(mask);
            out.write(masked);
            out.flush();
        }
    }

    /** Resets the connection, with no close handshake: as a killed process leaves it. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A small real JPEG whose frame header (SOF0) is rewritten to claim {@code width} x {@code height}. */
    public static byte[] jpegClaiming(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", bytes);
        byte[] jpeg = bytes.toByteArray();
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 in the encoder's JPEG");
    }

    /** A JPEG frame message whose header says 8x8 and whose JPEG claims {@code width} x {@code height}. */
    public static byte[] jpegBomb(int width, int height) throws IOException {
        byte[] jpeg = jpegClaiming(width, height);
        byte[] message = new byte[FrameCodec.HEADER + jpeg.length];
        FrameCodec.writeHeader(ByteBuffer.wrap(message), FrameFormat.JPEG, 1, 8, 8, 0);
        System.arraycopy(jpeg, 0, message, FrameCodec.HEADER, jpeg.length);
        return message;
    }
}
