package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.filters.Filters;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.transport.websocket.StreamSocket;
import dev.riffle.server.wire.FrameCodec;
import dev.riffle.server.wire.FrameFormat;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage on the WebSocket: each case gets a clear error (or a close code when the connection itself is the
 * problem), the session goes on where it can, and nobody else loses anything.
 */
class BadInputTest {
    private RiffleServer server;

    @BeforeEach
    void start() {
        server = RiffleServer.create()
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).maxPixels(640 * 480).build())
                .mount("/one", Stream.video(Filters.FLIP).concurrencyLimit(1).build())
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static WsTestClient admitted(RiffleServer server, String path) {
        WsTestClient c = WsTestClient.connect(server, path);
        c.start("raw");
        c.nextQueue("admitted");
        return c;
    }

    private static String errorCode(WsTestClient c) {
        return c.next("error").get("error").get("code").asText();
    }

    /** The session still works: a frame goes through. */
    private static void stillStreams(WsTestClient c, long seq) {
        c.sendFrame(StreamSocketTest.scene(4, 4, 1), seq);
        assertEquals(seq, c.nextFrame().seq());
    }

    @Test
    void malformedJsonAndUnknownMessagesAreReportedAndTheSessionGoesOn() {
        try (WsTestClient c = admitted(server, "/flip")) {
            c.send("{\"type\": \"inputs\", ");
            assertEquals("bad_json", errorCode(c));
            c.send("[1, 2, 3]");
            assertEquals("bad_message", errorCode(c));
            c.send("{\"type\":\"dance\"}");
            assertEquals("bad_message", errorCode(c));
            c.send("{\"type\":\"inputs\",\"values\":[1]}");
            assertEquals("bad_request", errorCode(c), "the flip stream has no additional inputs");
            c.send("{\"type\":\"inputs\",\"values\":\"x\"}");
            assertEquals("bad_request", errorCode(c));
            c.send("{\"type\":\"start\"}");
            assertEquals("already_started", errorCode(c));
            c.send("[".repeat(100));
            assertEquals("bad_json", errorCode(c), "nesting deeper than the limit");
            stillStreams(c, 1);
        }
    }

    @Test
    void framesBeforeStartAndUnknownFormatsAreRefused() {
        try (WsTestClient c = WsTestClient.connect(server, "/flip")) {
            c.sendFrame(StreamSocketTest.scene(4, 4, 1), 1);
            assertEquals("not_started", errorCode(c));
            c.send("{\"type\":\"start\",\"format\":\"bmp\"}");
            assertEquals("bad_request", errorCode(c));
            c.send("{\"type\":\"heartbeat\"}");
            assertEquals("not_started", errorCode(c));
            c.start("raw");
            c.nextQueue("admitted");
            stillStreams(c, 2);
        }
    }

    @Test
    void framesWhoseBytesDoNotMatchTheirHeaderAreRefused() {
        try (WsTestClient c = admitted(server, "/flip")) {
            byte[] frame = FrameCodec.encodeRaw(StreamSocketTest.scene(4, 4, 1), 1);
            byte[] shortFrame = java.util.Arrays.copyOf(frame, frame.length - 4);
            c.send(shortFrame);
            JsonNode error = c.next("error").get("error");
            assertEquals("frame_size_mismatch", error.get("code").asText());
            assertEquals(64, error.get("details").get("expected").asInt());
            assertEquals(60, error.get("details").get("actual").asInt());

            c.send(new byte[] {1, 2, 3});
            assertEquals("bad_frame", errorCode(c));
            byte[] badFormat = frame.clone();
            badFormat[1] = 9;
            c.send(badFormat);
            assertEquals("bad_frame", errorCode(c));

            byte[] notJpeg = frame.clone();
            FrameCodec.writeHeader(ByteBuffer.wrap(notJpeg), FrameFormat.JPEG, 3, 4, 4, 0);
            c.send(notJpeg);
            assertEquals("bad_frame", errorCode(c), "undecodable JPEG is reported from the handler thread");
            stillStreams(c, 4);
        }
    }

    /**
     * A JPEG bomb: a few hundred bytes whose frame header claims 20000x20000 (1.6 GB of pixels to decode) behind a
     * message header that says 8x8. Refused from the SOF marker, before any decoding; the session goes on.
     */
    @Test
    void aJpegWhoseFrameHeaderDisagreesWithTheMessage_isRefusedUndecoded() throws Exception {
        try (WsTestClient c = admitted(server, "/flip")) {
            c.send(RawWebSocket.jpegBomb(20_000, 20_000));
            JsonNode error = c.next("error").get("error");
            assertEquals("frame_size_mismatch", error.get("code").asText());
            assertEquals("20000x20000", error.get("details").get("actual").asText());
            assertTrue(error.get("message").asText().endsWith("it was not decoded"), error.toString());
            stillStreams(c, 2);
        }
    }

    @Test
    void absurdDimensionsAreRefusedBeforeAnyAllocation() {
        try (WsTestClient c = admitted(server, "/flip")) {
            byte[] header = new byte[FrameCodec.HEADER];
            FrameCodec.writeHeader(ByteBuffer.wrap(header), FrameFormat.RAW, 1, 65535, 65535, 0);
            c.send(header);
            JsonNode error = c.next("error").get("error");
            assertEquals("frame_dimensions", error.get("code").asText());
            FrameCodec.writeHeader(ByteBuffer.wrap(header), FrameFormat.RAW, 1, 0, 10, 0);
            c.send(header);
            assertEquals("frame_dimensions", errorCode(c));
            FrameCodec.writeHeader(ByteBuffer.wrap(header), FrameFormat.JPEG, 1, 1920, 1080, 0);
            c.send(header);
            assertEquals("frame_dimensions", errorCode(c), "over this stream's maxPixels");
            stillStreams(c, 2);
        }
    }

    @Test
    void anOversizedMessageClosesOnlyThatConnection() {
        try (WsTestClient other = admitted(server, "/flip"); WsTestClient c = admitted(server, "/flip")) {
            c.send(new byte[640 * 480 * 4 + FrameCodec.HEADER + 1]);
            assertEquals("message_too_big", c.next("closed").get("code").asText());
            assertEquals(1009, c.awaitClose(), "message too big");
            stillStreams(other, 7);
        }
    }

    @Test
    void oversizedJsonClosesThatConnectionWith1009() {
        try (WsTestClient c = admitted(server, "/flip")) {
            c.send("{\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(StreamSocket.MAX_TEXT) + "\"}");
            assertEquals(1009, c.awaitClose());
        }
        try (WsTestClient c = admitted(server, "/flip")) {
            stillStreams(c, 1);
        }
    }

    @Test
    void aFloodOfFramesIsCoalescedNotQueued() {
        try (WsTestClient c = admitted(server, "/flip")) {
            VideoFrame frame = StreamSocketTest.scene(320, 240, 1);
            byte[] message = FrameCodec.encodeRaw(frame, 0);
            int sent = 200;
            for (int i = 1; i <= sent; i++) {
                ByteBuffer.wrap(message).putInt(4, i);
                c.send(message.clone());
            }
            long last = 0;
            int outputs = 0;
            while (last != sent) {
                long seq = c.nextFrame().seq();
                assertTrue(seq > last, "outputs stay in order");
                last = seq;
                outputs++;
            }
            assertTrue(outputs <= sent, "never more outputs than inputs");
            stillStreams(c, sent + 1);
        }
    }

    /**
     * The server sees the reset connection at once in most runs; when the reset races Jetty's read of the
     * half-received frame, the heartbeat timeout (1 s here) frees the slot - either way the next in line gets it.
     */
    @Test
    void aClientThatVanishesMidFrameLosesItsSlotToTheNextInLine() throws Exception {
        try (RiffleServer server = RiffleServer.create().heartbeatTimeout(Duration.ofSeconds(1))
                .mount("/one", Stream.video(Filters.FLIP).concurrencyLimit(1).build()).start();
                Socket raw = new Socket("127.0.0.1", server.port());
                WsTestClient next = WsTestClient.connect(server, "/one")) {
            OutputStream out = raw.getOutputStream();
            InputStream in = raw.getInputStream();
            String key = Base64.getEncoder().encodeToString(new byte[16]);
            out.write(("GET /one/websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readHeaders(in);
            assertTrue(response.startsWith("HTTP/1.1 101"), response);
            out.write(maskedFrame(0x1, "{\"type\":\"start\",\"format\":\"raw\"}".getBytes(StandardCharsets.UTF_8)));
            out.flush();
            // wait for the admission on the raw socket: the first messages are session, then queue/admitted
            String seen = "";
            while (!seen.contains("admitted")) {
                seen += readFrameText(in);
            }
            JsonNode nextSession = next.start("raw");
            assertEquals(1, next.nextQueue("waiting").get("position").asInt());
            // half a binary frame: header says 1 MB, only 1 KB arrives, then the TCP connection dies
            byte[] partial = new byte[2 + 8 + 4 + 1024];
            partial[0] = (byte) 0x82;
            partial[1] = (byte) (0x80 | 127);
            ByteBuffer.wrap(partial).putLong(2, 1 << 20);
            out.write(partial);
            out.flush();
            raw.setSoLinger(true, 0);
            raw.close();
            next.nextQueue("admitted");
            try {
                stillStreams(next, 3);
            } catch (AssertionError e) {
                var http = java.net.http.HttpClient.newHttpClient();
                String st = http.send(java.net.http.HttpRequest.newBuilder(server.uri().resolve("/one/queue?webrtc_id="
                        + nextSession.get("session_id").asText() + "&token=" + nextSession.get("token").asText()))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                throw new AssertionError(e.getMessage() + " status " + st, e);
            }
        }
    }

    private static String readHeaders(InputStream in) throws Exception {
        StringBuilder s = new StringBuilder();
        while (!s.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            s.append((char) b);
        }
        return s.toString();
    }

    private static String readFrameText(InputStream in) throws Exception {
        int b0 = in.read();
        int len = in.read() & 0x7F;
        if (len == 126) {
            len = in.read() << 8 | in.read();
        } else if (len == 127) {
            long l = 0;
            for (int i = 0; i < 8; i++) {
                l = l << 8 | in.read();
            }
            len = (int) l;
        }
        byte[] payload = in.readNBytes(len);
        return (b0 & 0x0F) == 1 ? new String(payload, StandardCharsets.UTF_8) : "";
    }

    private static byte[] maskedFrame(int opcode, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + 4 + payload.length);
        b.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            b.put((byte) (0x80 | payload.length));
        } else {
            b.put((byte) (0x80 | 126)).putShort((short) payload.length);
        }
        b.put(new byte[4]); // mask key 0: payload unchanged
        b.put(payload);
        b.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void aFullQueueRefusesWithQueueFullAnd1013() {
        try (RiffleServer small = RiffleServer.create().maxQueueSize(1)
                .mount("/one", Stream.video(Filters.FLIP).concurrencyLimit(1).build()).start();
                WsTestClient a = admitted(small, "/one");
                WsTestClient b = WsTestClient.connect(small, "/one");
                WsTestClient c = WsTestClient.connect(small, "/one")) {
            b.start("raw");
            b.nextQueue("waiting");
            c.start("raw");
            JsonNode error = c.next("error").get("error");
            assertEquals("queue_full", error.get("code").asText());
            assertEquals(1013, c.awaitClose());
            stillStreams(a, 5);
            assertEquals(2, small.sessionCount(), "the refused session left nothing behind");
        }
    }
}
