package dev.riffle.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.transport.webrtc.WebRtcTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebRTC client in the test JVM (webrtc-java on both ends): sends a video track fed with {@link #push} frames and
 * a data channel, posts its offer to a stream's {@code webrtc/offer} route, and collects what comes back. Its own
 * host candidates are announced as 127.0.0.1, as the server's are.
 */
final class RtcTestClient implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    private static HeadlessAudioDeviceModule audioModule;
    private static PeerConnectionFactory factory;

    final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<VideoFrame> frames = new LinkedBlockingQueue<>(8);
    final CompletableFuture<Void> connected = new CompletableFuture<>();
    final CompletableFuture<RTCPeerConnectionState> ended = new CompletableFuture<>();
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final RTCPeerConnection pc;
    private final CustomVideoSource source;
    private final VideoTrack track;
    private final RTCRtpSender sender;
    private final RTCDataChannel channel;
    private final java.util.List<RTCDataChannel> extraChannels = new java.util.ArrayList<>();
    private VideoTrack remote;
    private VideoTrackSink sink;

    static synchronized PeerConnectionFactory factory() {
        if (factory == null) {
            audioModule = new HeadlessAudioDeviceModule();
            factory = WebRtcTransport.headlessFactory(audioModule);
        }
        return factory;
    }

    RtcTestClient() {
        this(1);
    }

    /** A client with {@code dataChannels} data channels (0: media only, as some FastRTC clients connect). */
    RtcTestClient(int dataChannels) {
        RTCConfiguration config = new RTCConfiguration();
        config.portAllocatorConfig = new PortAllocatorConfig(0, 0, 0).setEnableAnyAddressPorts(true)
                .setDisableAdapterEnumeration(true).setDisableTcp(true);
        pc = factory().createPeerConnection(config, new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState state) {
                if (state == RTCIceGatheringState.COMPLETE) {
                    gathered.complete(null);
                }
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                if (state == RTCPeerConnectionState.CONNECTED) {
                    connected.complete(null);
                } else if (state == RTCPeerConnectionState.FAILED || state == RTCPeerConnectionState.CLOSED
                        || state == RTCPeerConnectionState.DISCONNECTED) {
                    ended.complete(state);
                }
            }

            @Override
            public void onTrack(RTCRtpTransceiver transceiver) {
                if (transceiver.getReceiver().getTrack() instanceof VideoTrack video) {
                    remote = video;
                    sink = frame -> {
                        try {
                            VideoFrame rgba = VideoFrame.allocate(frame.buffer.getWidth(), frame.buffer.getHeight());
                            VideoBufferConverter.convertFromI420(frame.buffer, rgba.buffer(), FourCC.ABGR);
                            frames.poll();
                            frames.offer(rgba);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        } finally {
                            frame.release();
                        }
                    };
                    video.addSink(sink);
                }
            }
        });
        source = new CustomVideoSource();
        track = factory().createVideoTrack("camera", source);
        sender = pc.addTrack(track, List.of("camera"));
        RTCDataChannelInit init = new RTCDataChannelInit();
        init.ordered = true;
        channel = dataChannels > 0 ? pc.createDataChannel("text", init) : null;
        if (channel != null) {
            channel.registerObserver(new Messages(messages));
        }
        for (int i = 1; i < dataChannels; i++) {
            extraChannels.add(pc.createDataChannel("extra-" + i, init));
        }
    }

    /** Collects data-channel messages; static, as webrtc-java keeps registered observers for good. */
    private record Messages(LinkedBlockingQueue<JsonNode> queue) implements RTCDataChannelObserver {
        @Override
        public void onBufferedAmountChange(long previousAmount) {
        }

        @Override
        public void onStateChange() {
        }

        @Override
        public void onMessage(RTCDataChannelBuffer buffer) {
            byte[] b = new byte[buffer.data.remaining()];
            buffer.data.get(b);
            try {
                queue.add(Wire.JSON.readTree(new String(b, StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** This client's offer, after gathering, with its host candidates announced as 127.0.0.1. */
    String offer() throws Exception {
        CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
        pc.createOffer(new RTCOfferOptions(), WebRtcTransport.description(offer));
        RTCSessionDescription d = offer.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> set = new CompletableFuture<>();
        pc.setLocalDescription(d, WebRtcTransport.observer(set));
        set.get(5, TimeUnit.SECONDS);
        gathered.get(5, TimeUnit.SECONDS);
        return WebRtcTransport.announce(pc.getLocalDescription().sdp, "127.0.0.1");
    }

    static HttpResponse<String> post(RiffleServer server, String streamPath, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + streamPath
                + "/webrtc/offer")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Offers as a FastRTC client does (sdp, type, webrtc_id only), applies the server's answer and returns it. */
    JsonNode connect(RiffleServer server, String streamPath, String webrtcId) throws Exception {
        return connect(server, streamPath, java.util.Map.of("sdp", offer(), "type", "offer", "webrtc_id", webrtcId));
    }

    /** Offers as Riffle's page client does (with the inputs' values), applies the answer and returns it. */
    JsonNode connectWithInputs(RiffleServer server, String streamPath, String webrtcId, List<?> inputs)
            throws Exception {
        return connect(server, streamPath, java.util.Map.of("sdp", offer(), "type", "offer", "webrtc_id", webrtcId,
                "inputs", inputs));
    }

    private JsonNode connect(RiffleServer server, String streamPath, java.util.Map<String, ?> offer)
            throws Exception {
        String body = Wire.write(offer);
        HttpResponse<String> r = post(server, streamPath, body);
        if (r.statusCode() != 200) {
            throw new AssertionError("offer answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode answer = Wire.JSON.readTree(r.body());
        CompletableFuture<Void> set = new CompletableFuture<>();
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answer.get("sdp").asText()),
                WebRtcTransport.observer(set));
        set.get(5, TimeUnit.SECONDS);
        return answer;
    }

    private dev.onvoid.webrtc.media.audio.CustomAudioSource audioSource;
    private dev.onvoid.webrtc.media.audio.AudioTrack audioTrack;
    private RTCRtpSender audioSender;

    /** Adds a microphone track (call before {@link #offer}); {@link #pushAudio} feeds it. */
    RtcTestClient withMicrophone() {
        audioSource = new dev.onvoid.webrtc.media.audio.CustomAudioSource();
        audioTrack = factory().createAudioTrack("mic", audioSource);
        audioSender = pc.addTrack(audioTrack, List.of("mic"));
        return this;
    }

    /** Pushes 10 ms of 48 kHz mono audio (480 samples) into the microphone track. */
    void pushAudio(short[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.nativeOrder()).asShortBuffer().put(samples);
        audioSource.pushAudio(bytes, 16, 48_000, 1, samples.length);
    }

    /** Applies an answer got by other means (an offer posted by the test itself). */
    void applyAnswer(String sdp) throws Exception {
        CompletableFuture<Void> set = new CompletableFuture<>();
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, sdp), WebRtcTransport.observer(set));
        set.get(5, TimeUnit.SECONDS);
    }

    /** Pushes one frame into the outgoing video track. */
    void push(VideoFrame frame) throws Exception {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(frame.width(), frame.height());
        VideoBufferConverter.convertToI420(frame.buffer(), buffer, FourCC.ABGR);
        dev.onvoid.webrtc.media.video.VideoFrame f = new dev.onvoid.webrtc.media.video.VideoFrame(buffer,
                System.nanoTime());
        source.pushFrame(f);
        f.release();
    }

    /** Sends a text that need not be JSON (FastRTC's client sends "handshake"). */
    void send(String json) throws Exception {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer data = ByteBuffer.allocateDirect(b.length);
        data.put(b).flip();
        channel.send(new RTCDataChannelBuffer(data, false));
    }

    /** The next data-channel message of {@code type}. */
    JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && type.equals(m.path("type").asText())) {
                return m;
            }
        }
        throw new AssertionError("No '" + type + "' message within 10 s");
    }

    @Override
    public void close() {
        if (remote != null && sink != null) {
            remote.removeSink(sink);
        }
        pc.removeTrack(sender);
        if (audioSender != null) {
            pc.removeTrack(audioSender);
        }
        if (channel != null) {
            channel.unregisterObserver();
            channel.close();
        }
        extraChannels.forEach(RTCDataChannel::close);
        pc.close();
        if (channel != null) {
            channel.dispose();
        }
        extraChannels.forEach(RTCDataChannel::dispose);
        track.dispose();
        if (audioTrack != null) {
            audioTrack.dispose();
            audioSource.dispose();
        }
        source.dispose();
    }
}
