package dev.riffle.server.transport.webrtc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.riffle.handler.Inputs;
import dev.riffle.server.engine.Engine;
import dev.riffle.server.engine.SessionIds;
import dev.riffle.server.engine.Signalling;
import dev.riffle.server.engine.StreamRuntime;
import dev.riffle.server.engine.StreamSession;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.wire.FrameFormat;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Mode;
import dev.riffle.stream.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebRTC transport (webrtc-java): answers FastRTC-style offers ({@code POST path/webrtc/offer} with
 * {@code {sdp, type, webrtc_id}}) with one peer connection per session, in the same queue, time limits and
 * handlers as the WebSocket transport. The peer-connection factory (with a headless audio device: machines without
 * a sound card abort otherwise) is made on first use and shared by all sessions of a server.
 */
public final class WebRtcTransport implements Signalling {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcTransport.class);

    private static final Duration GATHERING = Duration.ofSeconds(5);
    private static final Duration NEGOTIATION = Duration.ofSeconds(5);

    private final Engine engine;
    private final WebRtcOptions options;
    private final String announced;
    private final Map<String, RtcPeer> peers = new ConcurrentHashMap<>();
    /** Candidates trickled before their offer arrived (FastRTC's client posts both at once), by webrtc_id. */
    private final Map<String, Early> earlyCandidates = new LinkedHashMap<>();
    private static final int EARLY_IDS = 256;
    private static final int EARLY_PER_ID = 32;
    private static final long EARLY_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Candidates waiting for their offer, and when the first came. */
    private record Early(long since, List<RTCIceCandidate> candidates) {
    }
    private final AtomicInteger openConnections = new AtomicInteger();
    /** connections with an outgoing audio track, not yet released */
    private final AtomicInteger audioSenders = new AtomicInteger();
    private final ExecutorService releaser = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "riffle-rtc-release");
        t.setDaemon(true);
        return t;
    });
    private HeadlessAudioDeviceModule audioModule;
    private PeerConnectionFactory factory;
    private String unavailable;
    private boolean closed;

    /** How {@link WebRtcProvider#load} finds this transport ({@code META-INF/services}). */
    public static final class Provider implements WebRtcProvider {
        @Override
        public Signalling create(Engine engine, WebRtcOptions options, String bindHost) {
            return new WebRtcTransport(engine, options, bindHost);
        }
    }

    public WebRtcTransport(Engine engine, WebRtcOptions options, String bindHost) {
        this.engine = engine;
        this.options = options;
        this.announced = options.announcedAddress() != null ? options.announcedAddress()
                : isLoopback(bindHost) ? loopbackAddress(bindHost) : null;
        if (!options.enabled()) {
            unavailable = "WebRTC is turned off on this server";
        }
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("::1"));
    }

    private static String loopbackAddress(String host) {
        return host.equals("localhost") ? "127.0.0.1" : host;
    }

    /** The shared factory, made on first use. @throws ApiError {@code webrtc_unavailable} (503) */
    synchronized PeerConnectionFactory factory() {
        if (factory == null) {
            if (closed) {
                throw new ApiError(ErrorCode.WEBRTC_UNAVAILABLE, "The server is stopping");
            }
            if (unavailable != null) {
                throw new ApiError(ErrorCode.WEBRTC_UNAVAILABLE, unavailable + "; use the WebSocket transport");
            }
            try {
                audioModule = new HeadlessAudioDeviceModule();
                factory = headlessFactory(audioModule);
            } catch (RuntimeException | LinkageError e) {
                unavailable = "WebRTC could not start on this server (" + e + ")";
                throw new ApiError(ErrorCode.WEBRTC_UNAVAILABLE, unavailable + "; use the WebSocket transport");
            }
        }
        return factory;
    }

    /**
     * A peer-connection factory on a headless audio device, started for playout and recording: without one,
     * webrtc-java aborts the JVM on machines that have no sound card.
     */
    public static PeerConnectionFactory headlessFactory(HeadlessAudioDeviceModule audioModule) {
        audioModule.initPlayout();
        audioModule.startPlayout();
        audioModule.initRecording();
        audioModule.startRecording();
        return new PeerConnectionFactory(audioModule);
    }

    /**
     * Keeps the headless audio device recording. Its recording thread is what pulls the microphone audio of every
     * session out of libwebrtc, and libwebrtc stops it when the last session that sends audio back ends: from then on
     * a session that only listens (the transcription demo) got no audio at all - its data channel worked, its
     * handler never ran. Restarting is harmless when it runs already.
     */
    synchronized void keepRecording() {
        // only while no connection sends audio back: restarting under a running one glitches its audio
        if (audioModule != null && audioSenders.get() == 0) {
            try {
                audioModule.initRecording();
                audioModule.startRecording();
            } catch (RuntimeException | Error e) {
                LOG.warn("The headless audio device did not restart recording", e);
            }
        }
    }

    /** A connection got an outgoing audio track (released with {@link #released}). */
    void sendsAudio() {
        audioSenders.incrementAndGet();
    }

    /** Peer connections not yet released (for leak checks). */
    @Override
    public int openConnections() {
        return openConnections.get();
    }

    /**
     * Handles a body posted to {@code webrtc/offer}: an offer (answered) or a trickled ICE candidate.
     *
     * @param bearer the session token from the request, for candidates
     * @return the JSON answer
     */
    @Override
    public Map<String, Object> post(StreamRuntime stream, JsonNode body, String bearer, String remoteAddress) {
        if (!body.isObject()) {
            throw ApiError.badRequest("The body must be a JSON object {\"sdp\", \"type\", \"webrtc_id\"}");
        }
        String type = body.path("type").asText("");
        if (type.equals(Protocol.Type.ICE_CANDIDATE) || body.has("candidate")) {
            candidate(body, bearer, remoteAddress);
            return Map.of("status", "success");
        }
        if (!type.equals(Protocol.Type.OFFER)) {
            throw ApiError.badRequest("\"type\" must be \"offer\" (or \"ice-candidate\" to trickle a candidate), got '"
                    + type + "'");
        }
        return offer(stream, body, remoteAddress);
    }

    private Map<String, Object> offer(StreamRuntime stream, JsonNode body, String remoteAddress) {
        String sdp = body.path("sdp").asText(null);
        String clientId = body.path("webrtc_id").asText(null);
        if (!SessionIds.isClientId(clientId)) {
            throw ApiError.badRequest("\"webrtc_id\" must be 1..128 letters, digits, '-' or '_'");
        }
        if (sdp == null || !sdp.startsWith("v=0") || !sdp.contains("\nm=")) {
            throw new ApiError(ErrorCode.BAD_SDP, "\"sdp\" must be a session description (starting with v=0, with at"
                    + " least one m= line)");
        }
        boolean video = sdp.contains("\nm=video ");
        boolean audio = sdp.contains("\nm=audio ");
        Modality modality = stream.modality();
        boolean fits = switch (modality) {
            case VIDEO -> video;
            case AUDIO -> audio;
            case AUDIO_VIDEO -> video && audio;
        };
        if (!fits) {
            throw new ApiError(ErrorCode.UNSUPPORTED_MODALITY, "Stream '" + stream.name() + "' carries "
                    + modality.name().toLowerCase() + "; the offer has " + (video && audio ? "audio and video"
                    : video ? "video only" : audio ? "audio only" : "no media"),
                    Map.of("modality", modality.name().toLowerCase(), "offer_video", video, "offer_audio", audio));
        }
        Inputs inputs = body.hasNonNull("inputs") ? stream.checkInputs(Wire.values(body.get("inputs")))
                : stream.initialInputs();
        // Riffle's client sends its inputs with the offer; a FastRTC client sends only sdp, type and webrtc_id
        RtcPeer peer = new RtcPeer(this, stream, clientId, !body.has("inputs"));
        List<RTCIceCandidate> early;
        synchronized (earlyCandidates) { // with candidate(): no candidate falls between the two
            if (peers.putIfAbsent(clientId, peer) != null || stream.hasSessionOfClient(clientId)) {
                peers.remove(clientId, peer);
                throw new ApiError(ErrorCode.CONNECTION_ALREADY_EXISTS, "A connection with webrtc_id '" + clientId
                        + "' is already open", Map.of("webrtc_id", clientId));
            }
            early = takeEarly(clientId);
        }
        early.forEach(peer::addCandidate);
        java.util.concurrent.locks.Lock connection = peer.connectionLock();
        try {
            RTCPeerConnection pc = factory().createPeerConnection(configuration(), peer);
            openConnections.incrementAndGet();
            peer.attach(pc);
            String answerSdp;
            connection.lock(); // the release waits for the offer's calls on the connection
            try {
                CompletableFuture<Void> remote = new CompletableFuture<>();
                try {
                    pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, sdp), observer(remote));
                } catch (Error unparsable) {
                    // webrtc-java reports an SDP it cannot parse by throwing java.lang.Error at once
                    throw new ApiError(ErrorCode.BAD_SDP, "The offer could not be applied: " + unparsable.getMessage());
                }
                await(remote, ErrorCode.BAD_SDP, "The offer could not be applied");
                peer.remoteApplied();
                boolean sendBack = stream.mode() != Mode.SEND;
                peer.addOutputTracks(sendBack && video && modality != Modality.AUDIO,
                        sendBack && audio && modality != Modality.VIDEO);
                CompletableFuture<RTCSessionDescription> answer = new CompletableFuture<>();
                pc.createAnswer(new RTCAnswerOptions(), description(answer));
                RTCSessionDescription local = await(answer, ErrorCode.BAD_SDP, "No answer could be made for the offer");
                CompletableFuture<Void> applied = new CompletableFuture<>();
                pc.setLocalDescription(local, observer(applied));
                await(applied, ErrorCode.WEBRTC_ERROR, "The answer could not be applied");
                peer.watchDtls();
                try {
                    peer.gathered().get(GATHERING.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // answer with the candidates gathered so far
                } catch (InterruptedException | ExecutionException e) {
                    Thread.currentThread().interrupt();
                }
                keepRecording();
                answerSdp = announce(pc.getLocalDescription().sdp, announced);
            } finally {
                connection.unlock();
            }
            StreamSession session = StreamSession.open(stream, engine, peer, FrameFormat.RAW, inputs,
                    new StreamSession.ClientId(clientId, remoteAddress));
            peer.session(session);
            peer.connectTimeout(engine.schedule(() -> {
                if (!peer.connected.isDone() && !peer.isClosed()) {
                    ended(peer, ErrorCode.CONNECT_TIMEOUT, "The WebRTC connection was not established within "
                            + options.connectTimeout().toMillis() + " ms; the session was ended.");
                }
            }, options.connectTimeout()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sdp", answerSdp);
            m.put("type", Protocol.Type.ANSWER);
            m.put("webrtc_id", clientId);
            m.put("session_id", session.id());
            m.put("token", session.token());
            return m;
        } catch (RuntimeException e) {
            peer.close(ErrorCode.OFFER_FAILED);
            throw e;
        } catch (Error e) {
            // webrtc-java reports some failures as java.lang.Error: the peer is released all the same
            peer.close(ErrorCode.OFFER_FAILED);
            throw new ApiError(ErrorCode.WEBRTC_ERROR, "The offer could not be answered: " + e);
        }
    }

    /**
     * A trickled candidate, FastRTC's {@code {"type": "ice-candidate", "webrtc_id", "candidate": {candidate, sdpMid,
     * sdpMLineIndex}}}. FastRTC's client posts them right after its offer, before it has the answer: the connection
     * is known from the offer on, and candidates that come before the offer is applied wait for it. A candidate for a
     * running session is authorized as every session route is ({@link StreamSession#authorizes}).
     */
    private void candidate(JsonNode body, String bearer, String remoteAddress) {
        String clientId = body.path("webrtc_id").asText(null);
        RtcPeer peer = clientId == null ? null : peers.get(clientId);
        if (!SessionIds.isClientId(clientId)) {
            throw ApiError.badRequest("\"webrtc_id\" must be 1..128 letters, digits, '-' or '_'");
        }
        StreamSession session = peer == null ? null : peer.session();
        if (peer == null) {
            synchronized (earlyCandidates) {
                peer = peers.get(clientId); // the offer may have registered meanwhile
            }
            session = peer == null ? null : peer.session();
        }
        if (session != null && !session.authorizes(bearer, clientId, remoteAddress)) {
            throw ApiError.forbidden();
        }
        JsonNode c = body.path("candidate");
        if (c.isNull() || c.isMissingNode()) {
            return; // end of candidates
        }
        String line = c.isTextual() ? c.asText() : c.path("candidate").asText(null);
        if (line == null || !(line.startsWith("candidate:") || line.startsWith("a=candidate:") || line.isEmpty())) {
            throw new ApiError(ErrorCode.INVALID_CANDIDATE_FORMAT, "\"candidate\" must be an ICE candidate line"
                    + " (candidate:...) or {\"candidate\", \"sdpMid\", \"sdpMLineIndex\"}");
        }
        if (line.isEmpty()) {
            return; // end of candidates
        }
        if (line.startsWith("a=")) {
            line = line.substring(2);
        }
        if (line.length() > 512 || c.path("sdpMid").asText("0").length() > 32) {
            throw new ApiError(ErrorCode.INVALID_CANDIDATE_FORMAT, "A candidate line is at most 512 characters, its"
                    + " sdpMid at most 32");
        }
        String mid = c.path("sdpMid").asText("0");
        int index = c.path("sdpMLineIndex").asInt(0);
        RTCIceCandidate candidate = new RTCIceCandidate(mid, index, line);
        synchronized (earlyCandidates) {
            if (peers.get(clientId) == null) {
                keepEarly(clientId, candidate);
                return;
            }
            peer = peers.get(clientId);
        }
        peer.addCandidate(candidate);
    }

    /**
     * Keeps a candidate whose offer has not arrived yet - FastRTC's client posts its candidates as they are gathered,
     * racing its own offer - for {@value #EARLY_NANOS} ns at most; bounded in ids and candidates per id.
     */
    private void keepEarly(String clientId, RTCIceCandidate candidate) {
        synchronized (earlyCandidates) {
            long now = System.nanoTime();
            earlyCandidates.values().removeIf(e -> now - e.since() > EARLY_NANOS);
            Early early = earlyCandidates.get(clientId);
            if (early == null) {
                if (earlyCandidates.size() >= EARLY_IDS) {
                    throw new ApiError(ErrorCode.TOO_MANY_PENDING_CANDIDATES, "Too many connections are trickling"
                            + " candidates before their offer; post the offer first");
                }
                early = new Early(now, new ArrayList<>());
                earlyCandidates.put(clientId, early);
            }
            if (early.candidates().size() < EARLY_PER_ID) {
                early.candidates().add(candidate);
            }
        }
    }

    /** The candidates that came before the offer of {@code clientId}, taken. */
    private List<RTCIceCandidate> takeEarly(String clientId) {
        synchronized (earlyCandidates) {
            Early early = earlyCandidates.remove(clientId);
            return early == null || System.nanoTime() - early.since() > EARLY_NANOS ? List.of() : early.candidates();
        }
    }

    /** A control message on a peer's data channel: the WebSocket transport's inputs, heartbeat and stop. */
    void control(RtcPeer peer, String text) {
        StreamSession session = peer.session();
        if (session == null) {
            return;
        }
        if (!text.stripLeading().startsWith("{")) {
            // FastRTC's client says "handshake" when the channel opens; its server answers every message with a log
            String said = text.length() > 64 ? text.substring(0, 64) + "..." : text;
            peer.sendText(Wire.typed(Protocol.Type.LOG, "Server received: " + said));
            return;
        }
        try {
            JsonNode m = Wire.JSON.readTree(text);
            String type = m == null ? "" : m.path("type").asText("");
            if (!StreamSession.COMMANDS.contains(type)) {
                throw new ApiError(ErrorCode.BAD_MESSAGE, "Unknown message type '" + type
                        + "'; expected inputs, heartbeat or stop");
            }
            session.command(type, m);
        } catch (JacksonException e) {
            peer.sendText(Wire.errorMessage(ApiError.badJson(e.getOriginalMessage())));
        } catch (ApiError e) {
            peer.sendText(Wire.errorMessage(e));
        }
    }

    /** The peer's connection failed or closed, or never connected: its session ends (which closes the peer). */
    void ended(RtcPeer peer, ErrorCode code, String message) {
        StreamSession session = peer.session();
        if (session != null) {
            session.close(code, message);
        } else {
            peer.close(code);
        }
    }

    /** A connection that stays disconnected for 5 s is over (it may recover sooner, as ICE does). */
    void disconnected(RtcPeer peer) {
        engine.schedule(() -> {
            java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
            peer.withConnection(pc -> lost.set(pc.getConnectionState() == RTCPeerConnectionState.DISCONNECTED));
            if (!peer.isClosed() && lost.get()) {
                ended(peer, ErrorCode.LEFT, "The WebRTC connection was lost.");
            }
        }, Duration.ofSeconds(5));
    }

    void forget(RtcPeer peer) {
        peers.remove(peer.clientId(), peer);
    }

    /** Runs a closed peer's release of its natives on the transport's own thread (never on WebRTC's). */
    void releaseLater(Runnable release) {
        try {
            releaser.execute(release);
        } catch (RejectedExecutionException stopped) {
            openConnections.decrementAndGet(); // the factory is gone, and with it every connection
        }
    }

    /**
     * A peer has closed and disposed of everything of its own (on the releaser thread); what is left is the
     * connection's native object, {@code handle}, freed here when {@link NativeRelease} is turned on.
     */
    void released(long handle, boolean sentAudio) {
        NativeRelease.release(handle);
        openConnections.decrementAndGet();
        if (sentAudio) {
            audioSenders.decrementAndGet();
        }
        keepRecording(); // the closed connection may have been the last to send audio back
    }

    @Override
    public List<Map<String, Object>> iceServersForClient() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (WebRtcOptions.IceServer s : options.iceServersAt(java.time.Instant.now())) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("urls", s.urls());
            if (s.username() != null) {
                m.put("username", s.username());
            }
            if (s.credential() != null) {
                m.put("credential", s.credential());
            }
            out.add(m);
        }
        return out;
    }

    private RTCConfiguration configuration() {
        RTCConfiguration config = new RTCConfiguration();
        List<RTCIceServer> servers = new ArrayList<>();
        for (WebRtcOptions.IceServer s : options.iceServersAt(java.time.Instant.now())) {
            RTCIceServer server = new RTCIceServer();
            server.urls = s.urls();
            server.username = s.username();
            server.password = s.credential();
            servers.add(server);
        }
        config.iceServers = servers;
        PortAllocatorConfig ports = new PortAllocatorConfig(options.minPort(), options.maxPort(), 0);
        if (announced != null) {
            // one host candidate on the any-address, announced as the configured address; no TCP
            ports.setEnableAnyAddressPorts(true).setDisableAdapterEnumeration(true).setDisableTcp(true);
        }
        config.portAllocatorConfig = ports;
        return config;
    }

    /** Rewrites the address of every host candidate (and the connection lines) to {@code address}. */
    public static String announce(String sdp, String address) {
        if (address == null) {
            return sdp;
        }
        StringBuilder out = new StringBuilder(sdp.length());
        for (String line : sdp.split("\r\n", -1)) {
            if (line.startsWith("a=candidate:") && line.contains(" typ host")) {
                String[] f = line.split(" ");
                f[4] = address;
                line = String.join(" ", f);
            } else if (line.startsWith("c=IN IP4 ") && !address.contains(":")) {
                line = "c=IN IP4 " + address;
            }
            out.append(line).append("\r\n");
        }
        out.setLength(out.length() - 2);
        return out.toString();
    }

    /** An observer that completes {@code made} with the description made, or fails it with webrtc's message. */
    public static CreateSessionDescriptionObserver description(CompletableFuture<RTCSessionDescription> made) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                made.complete(description);
            }

            @Override
            public void onFailure(String error) {
                made.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    /** An observer that completes {@code done}, or fails it with webrtc's message. */
    public static SetSessionDescriptionObserver observer(CompletableFuture<Void> done) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                done.complete(null);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static <T> T await(CompletableFuture<T> future, ErrorCode code, String what) {
        try {
            return future.get(NEGOTIATION.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ApiError(code, what + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new ApiError(ErrorCode.WEBRTC_ERROR, what + ": no result within " + NEGOTIATION.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(ErrorCode.WEBRTC_ERROR, 503, what + ": interrupted");
        }
    }

    /** Closes every peer, then the factory and the audio device. */
    @Override
    public void close() {
        for (RtcPeer peer : List.copyOf(peers.values())) {
            ended(peer, ErrorCode.SERVER_STOPPING, "The server is stopping.");
        }
        // connections are released before the factory that made them
        releaser.shutdown();
        try {
            releaser.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closed = true;
            if (factory != null) {
                factory.dispose();
                factory = null;
            }
            if (audioModule != null) {
                audioModule.stopPlayout();
                audioModule.stopRecording();
                audioModule.dispose();
                audioModule = null;
            }
        }
    }
}
