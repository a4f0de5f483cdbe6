package dev.riffle.server.transport.webrtc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCDtlsTransport;
import dev.onvoid.webrtc.RTCDtlsTransportObserver;
import dev.onvoid.webrtc.RTCDtlsTransportState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpReceiver;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.Resampler;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.engine.Peer;
import dev.riffle.server.engine.StreamRuntime;
import dev.riffle.server.engine.StreamSession;
import dev.riffle.server.engine.VideoPipeline;
import dev.riffle.server.engine.Wire;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import dev.riffle.stream.Protocol;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The WebRTC end of one session: a peer connection whose incoming video and audio tracks feed the session, whose
 * outgoing tracks carry the handler's answers, and whose data channel carries the same JSON control messages as the
 * WebSocket transport. Every native object it creates is released exactly once by {@link #close}, on every path,
 * in the order webrtc-java needs: sinks removed, senders removed, connection closed, tracks and sources disposed.
 */
final class RtcPeer implements Peer, PeerConnectionObserver {
    private static final Logger LOG = LoggerFactory.getLogger(RtcPeer.class);

    /** Control messages queued before the data channel opens (queue news, the session message). */
    private static final int MAX_PENDING = 64;

    private final WebRtcTransport transport;
    private final StreamRuntime stream;
    private final Object lock = new Object();
    /**
     * Guards the connection's native object: calls on {@code pc} from outside its own callbacks hold the read lock,
     * its release holds the write lock - so none runs on a freed object. Callbacks never take it (the release's
     * {@code pc.close()} waits for them).
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock pcGuard =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private boolean pcReleased;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private final List<MediaStreamTrack> ownTracks = new ArrayList<>();
    private final List<RTCRtpSender> senders = new ArrayList<>();
    private final AtomicLong framesIn = new AtomicLong();
    private boolean oversizeReported;
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    final CompletableFuture<Void> connected = new CompletableFuture<>();
    private RTCPeerConnection pc;
    private RTCDataChannel channel;
    /** data channels beyond the first (a client may open several): kept only to be released with the rest */
    private final List<RTCDataChannel> extraChannels = new ArrayList<>();
    /** candidates trickled before the offer was applied; added once it is */
    private final List<RTCIceCandidate> earlyCandidates = new ArrayList<>();
    private boolean remoteApplied;
    private RTCDtlsTransport dtls;
    /** stream_every over WebRTC: the earliest time (ns) the next camera frame goes to the handler; 0 = now */
    private long nextFrameDue;
    private final long frameIntervalNanos;
    private VideoTrack videoIn;
    private VideoTrackSink videoSink;
    private AudioTrack audioIn;
    private AudioTrackSink audioSink;
    private CustomVideoSource videoOut;
    private CustomAudioSource audioOut;
    private volatile StreamSession session;
    private volatile boolean closed;
    private final String clientId;
    private static final int OUT_RATE = 48_000;
    private static final int OUT_FRAME = OUT_RATE / 100;
    private final byte[] audioBytes = new byte[OUT_FRAME * 2];
    private final short[] outCarry = new short[OUT_FRAME];
    private int outFill;
    private Resampler outResampler;
    private volatile ScheduledFuture<?> connectTimeout;

    private final boolean fastRtcClient;

    /**
     * @param fastRtcClient whether the client is a FastRTC one (its offer had only FastRTC's fields): then the data
     *     channel also carries FastRTC's {@link #fastRtcNotice notices}
     */
    RtcPeer(WebRtcTransport transport, StreamRuntime stream, String clientId, boolean fastRtcClient) {
        this.transport = transport;
        this.stream = stream;
        this.clientId = clientId;
        this.fastRtcClient = fastRtcClient;
        this.frameIntervalNanos = stream.webRtcFrameInterval().toNanos();
    }

    /** when the offer came (the connection's set-up began) */
    private final long createdNanos = System.nanoTime();
    /** whether this connection counts among its stream's connections that are up */
    private final java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void fastRtcNotice(String type, Object data) {
        if (fastRtcClient) {
            sendText(Protocol.Type.WARNING.equals(type) ? Wire.warning(String.valueOf(data)) : Wire.typed(type, data));
        }
    }

    void attach(RTCPeerConnection pc) {
        this.pc = pc;
    }

    RTCPeerConnection connection() {
        return pc;
    }

    /**
     * A trickled candidate: added now when the offer has been applied, else kept until it is (FastRTC's client
     * trickles right after posting its offer, before it has the answer).
     */
    void addCandidate(RTCIceCandidate candidate) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (!remoteApplied) {
                if (earlyCandidates.size() < 64) {
                    earlyCandidates.add(candidate);
                }
                return;
            }
        }
        if (!withConnection(c -> c.addIceCandidate(candidate))) {
            throw new ApiError(ErrorCode.INVALID_CANDIDATE_FORMAT, "The candidate could not be applied: " + candidate.sdp);
        }
    }

    /** Held (read) around calls on the connection from outside its callbacks; its release waits for them. */
    java.util.concurrent.locks.Lock connectionLock() {
        return pcGuard.readLock();
    }

    /**
     * Runs {@code call} on the connection unless it has been released; an {@link Error} webrtc-java throws for bad
     * input is caught. @return false when the call threw
     */
    boolean withConnection(java.util.function.Consumer<RTCPeerConnection> call) {
        pcGuard.readLock().lock();
        try {
            if (pcReleased || pc == null) {
                return true;
            }
            call.accept(pc);
            return true;
        } catch (RuntimeException | Error e) {
            return false;
        } finally {
            pcGuard.readLock().unlock();
        }
    }

    /** The offer is applied: early candidates go in. */
    void remoteApplied() {
        List<RTCIceCandidate> early;
        synchronized (lock) {
            remoteApplied = true;
            early = List.copyOf(earlyCandidates);
            earlyCandidates.clear();
        }
        for (RTCIceCandidate c : early) {
            withConnection(connection -> connection.addIceCandidate(c)); // a bad one is dropped; ICE goes on
        }
    }

    /**
     * A client that closes its peer connection tells the server with a DTLS close alert; libwebrtc turns that into
     * the DTLS transport's CLOSED state but leaves the connection's state alone (it would notice only when ICE
     * consent runs out, 5-10 s later). Without a data channel that alert is the only quick sign that a client left.
     */
    void watchDtls() {
        withConnection(this::watchDtls);
    }

    private void watchDtls(RTCPeerConnection pc) {
        for (RTCRtpReceiver receiver : pc.getReceivers()) {
            RTCDtlsTransport transport;
            try {
                transport = receiver.getTransport();
                if (transport != null) {
                    transport.getState(); // a transport not made yet has no native object
                }
            } catch (RuntimeException none) {
                transport = null;
            }
            if (transport != null) {
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                    dtls = transport;
                }
                transport.registerObserver(new DtlsObserver(this));
                return;
            }
        }
    }

    /** Watches the DTLS transport; holds the peer weakly, as webrtc-java keeps registered observers for good. */
    private static final class DtlsObserver implements RTCDtlsTransportObserver {
        private final WeakReference<RtcPeer> peer;

        DtlsObserver(RtcPeer peer) {
            this.peer = new WeakReference<>(peer);
        }

        @Override
        public void onStateChange(RTCDtlsTransportState state) {
            RtcPeer p = peer.get();
            if (p != null && !p.closed && (state == RTCDtlsTransportState.CLOSED
                    || state == RTCDtlsTransportState.FAILED)) {
                p.safely(() -> p.transport.ended(p, ErrorCode.LEFT, "The client closed the connection."));
            }
        }

        @Override
        public void onError(String error) {
        }
    }

    /**
     * Runs a step of a webrtc-java callback: anything it throws - even an {@link Error} from a native object - ends
     * this peer's session and never reaches the native thread (which would take the whole process down).
     */
    private void safely(Runnable step) {
        try {
            step.run();
        } catch (Throwable t) {
            // not the client id: a FastRTC client's id stands in for its session token
            LOG.warn("A WebRTC callback failed; its session ends", t);
            try {
                transport.ended(this, ErrorCode.WEBRTC_ERROR, "The server's WebRTC connection failed: " + t);
            } catch (Throwable ignored) {
                // already ending
            }
        }
    }

    String clientId() {
        return clientId;
    }

    StreamRuntime stream() {
        return stream;
    }

    CompletableFuture<Void> gathered() {
        return gathered;
    }

    /** The timer that ends the session if the connection does not come up; cancelled once it does, or on close. */
    void connectTimeout(ScheduledFuture<?> timer) {
        this.connectTimeout = timer;
        if (connected.isDone() || closed) {
            timer.cancel(false);
        }
    }

    private void cancelConnectTimeout() {
        ScheduledFuture<?> timer = connectTimeout;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void session(StreamSession session) {
        this.session = session;
    }

    StreamSession session() {
        return session;
    }

    /** Adds the outgoing tracks (same transceivers as the offer's), audio and video under separate stream ids. */
    void addOutputTracks(boolean video, boolean audio) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (video) {
                videoOut = new CustomVideoSource();
                VideoTrack track = transport.factory().createVideoTrack("riffle-video", videoOut);
                ownTracks.add(track);
                senders.add(pc.addTrack(track, List.of("riffle-video-out")));
            }
            if (audio) {
                audioOut = new CustomAudioSource();
                transport.sendsAudio();
                AudioTrack track = transport.factory().createAudioTrack("riffle-audio", audioOut);
                ownTracks.add(track);
                senders.add(pc.addTrack(track, List.of("riffle-audio-out")));
            }
        }
    }

    // ---- PeerConnectionObserver (native threads)

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
        // the answer carries the gathered candidates (non-trickle on the server side)
    }

    @Override
    public void onIceGatheringChange(RTCIceGatheringState state) {
        if (state == RTCIceGatheringState.COMPLETE) {
            gathered.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> mediaReady() {
        return connected;
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
        safely(() -> connectionChanged(state));
    }

    private void connectionChanged(RTCPeerConnectionState state) {
        switch (state) {
            case CONNECTED -> {
                synchronized (lock) { // against a close at the same time: counted up once, and down once
                    if (!closed && counted.compareAndSet(false, true)) {
                        stream.counters().webrtcSetup.record(System.nanoTime() - createdNanos);
                        stream.counters().webrtcConnections.incrementAndGet();
                    }
                }
                connected.complete(null);
                cancelConnectTimeout();
            }
            case FAILED, CLOSED -> transport.ended(this, ErrorCode.LEFT, "The WebRTC connection "
                    + state.name().toLowerCase() + ".");
            case DISCONNECTED -> transport.disconnected(this);
            default -> {
            }
        }
    }

    @Override
    public void onTrack(RTCRtpTransceiver transceiver) {
        safely(() -> track(transceiver));
    }

    private void track(RTCRtpTransceiver transceiver) {
        MediaStreamTrack track = transceiver.getReceiver().getTrack();
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (track instanceof VideoTrack video && videoIn == null) {
                videoIn = video;
                videoSink = this::onVideoFrame;
                video.addSink(videoSink);
            } else if (track instanceof AudioTrack audio && audioIn == null) {
                audioIn = audio;
                audioSink = this::onAudioData;
                audio.addSink(audioSink);
            }
        }
    }

    @Override
    public void onDataChannel(RTCDataChannel dataChannel) {
        safely(() -> dataChannel(dataChannel));
    }

    private void dataChannel(RTCDataChannel dataChannel) {
        synchronized (lock) {
            if (closed || channel != null) {
                // never disposed here: the connection still holds it, and webrtc-java throws an Error then; it is
                // released with the connection
                if (!closed) {
                    extraChannels.add(dataChannel);
                } else {
                    transport.releaseLater(() -> {
                        release(dataChannel::close);
                    });
                }
                return;
            }
            channel = dataChannel;
        }
        dataChannel.registerObserver(new ChannelObserver(this, dataChannel));
        if (dataChannel.getState() == RTCDataChannelState.OPEN) {
            flushPending();
        }
    }

    /**
     * The data channel's observer. webrtc-java 0.14 never frees an observer once registered (unregistering only
     * detaches it), so it holds the peer weakly: a closed peer, its session and their frames can be collected.
     */
    private static final class ChannelObserver implements RTCDataChannelObserver {
        private final WeakReference<RtcPeer> peer;
        private final RTCDataChannel channel;

        ChannelObserver(RtcPeer peer, RTCDataChannel channel) {
            this.peer = new WeakReference<>(peer);
            this.channel = channel;
        }

        @Override
        public void onBufferedAmountChange(long previousAmount) {
        }

        @Override
        public void onStateChange() {
            RtcPeer p = peer.get();
            if (p != null) {
                p.safely(() -> stateChanged(p));
            }
        }

        private void stateChanged(RtcPeer p) {
            RTCDataChannelState state = channel.getState();
            if (state == RTCDataChannelState.OPEN) {
                p.flushPending();
            } else if (state == RTCDataChannelState.CLOSED && !p.closed) {
                // the other end closed its connection or its page: quicker to notice than ICE timing out
                p.transport.ended(p, ErrorCode.LEFT, "The client closed the connection.");
            }
        }

        @Override
        public void onMessage(RTCDataChannelBuffer buffer) {
            RtcPeer p = peer.get();
            ByteBuffer data = buffer.data;
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            if (p != null && !buffer.binary) {
                p.safely(() -> p.transport.control(p, new String(bytes, StandardCharsets.UTF_8)));
            }
        }
    }

    // ---- media in

    /** the direct buffers the session's received frames are converted from, one frame at a time */
    private final I420Copy.Staging staging = new I420Copy.Staging();

    private void onVideoFrame(dev.onvoid.webrtc.media.video.VideoFrame frame) {
        try {
            StreamSession s = session;
            if (s == null || closed) {
                return;
            }
            if (!s.admit()) {
                return; // no conversion while the session waits in line
            }
            if (!due(System.nanoTime())) {
                s.skippedByStreamEvery();
                return; // stream_every: the handler gets at most one frame per interval, the output keeps the last
            }
            long pixels = (long) frame.buffer.getWidth() * frame.buffer.getHeight();
            if (pixels > stream.options().maxPixels()) {
                if (!oversizeReported) {
                    oversizeReported = true;
                    sendText(Wire.errorMessage(new ApiError(ErrorCode.FRAME_DIMENSIONS, "A "
                            + frame.buffer.getWidth() + "x" + frame.buffer.getHeight() + " frame is larger than"
                            + " this stream accepts (" + stream.options().maxPixels() + " pixels); such frames are dropped")));
                }
                return;
            }
            // planes copied here, converted to RGBA on the handler's thread (VideoPipeline's contract)
            s.offer(I420Copy.of(framesIn.incrementAndGet(), frame.buffer, staging));
        } catch (Throwable e) {
            safely(() -> fail("The server could not read a video frame: " + e.getMessage()));
        } finally {
            frame.release();
        }
    }

    /**
     * Whether a camera frame arriving at {@code now} goes to the handler: the first one at or after each
     * stream_every tick. The ticks keep their grid (a 30 fps camera with stream_every 0.1 gives 10 frames a second,
     * not 7.5), and restart from {@code now} after a pause longer than one interval.
     */
    private boolean due(long now) {
        if (frameIntervalNanos <= 0) {
            return true;
        }
        if (nextFrameDue != 0 && now < nextFrameDue) {
            return false;
        }
        nextFrameDue = nextFrameDue == 0 || now - nextFrameDue >= frameIntervalNanos ? now + frameIntervalNanos
                : nextFrameDue + frameIntervalNanos;
        return true;
    }

    private void onAudioData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        safely(() -> audioData(data, bitsPerSample, sampleRate, channels, frames));
    }

    private void audioData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        StreamSession s = session;
        if (s == null || closed || bitsPerSample != 16) {
            return;
        }
        short[] samples = new short[frames * channels];
        ByteBuffer.wrap(data, 0, samples.length * 2).order(ByteOrder.nativeOrder()).asShortBuffer().get(samples);
        s.receive(new AudioChunk(sampleRate, channels, samples));
    }

    // ---- Peer

    /** libwebrtc's jitter buffer absorbs the pacer's jitter. */
    @Override
    public int audioLeadMillis() {
        return 20;
    }

    /** Data-channel sends and track pushes never wait for the client. */
    @Override
    public long stalledNanos() {
        return 0;
    }

    /** A data channel's sends are handed to libwebrtc at once: nothing waits in Riffle to go out. */
    @Override
    public CompletableFuture<Void> flushed() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void sendVideo(VideoFrame frame, long seq, long startedNanos) {
        synchronized (lock) {
            if (closed || videoOut == null) {
                return;
            }
            NativeI420Buffer buffer = NativeI420Buffer.allocate(frame.width(), frame.height());
            dev.onvoid.webrtc.media.video.VideoFrame out = null;
            try {
                VideoBufferConverter.convertToI420(frame.buffer(), buffer, FourCC.ABGR);
                out = new dev.onvoid.webrtc.media.video.VideoFrame(buffer, System.nanoTime());
                videoOut.pushFrame(out);
            } catch (Exception e) {
                fail("The server could not send a video frame: " + e.getMessage());
            } finally {
                if (out != null) {
                    out.release();
                } else {
                    buffer.release();
                }
            }
        }
    }

    /**
     * Sends paced audio on the outgoing track. libwebrtc takes exactly 10 ms per push (it has room for little
     * more), so audio is mixed to mono, resampled to 48 kHz when needed and cut into 480-sample pushes; a
     * remainder waits for the next call.
     */
    @Override
    public void sendAudio(AudioChunk chunk, long seq) {
        synchronized (lock) {
            if (closed || audioOut == null) {
                return;
            }
            AudioChunk mono = chunk.toMono();
            short[] samples = mono.samples();
            if (mono.sampleRate() != OUT_RATE) {
                if (outResampler == null || outResampler.fromRate() != mono.sampleRate()) {
                    outResampler = new Resampler(mono.sampleRate(), OUT_RATE);
                }
                samples = outResampler.process(samples);
            }
            for (short s : samples) {
                outCarry[outFill++] = s;
                if (outFill == OUT_FRAME) {
                    outFill = 0;
                    ByteBuffer.wrap(audioBytes).order(ByteOrder.nativeOrder()).asShortBuffer().put(outCarry);
                    audioOut.pushAudio(audioBytes, 16, OUT_RATE, 1, OUT_FRAME);
                }
            }
        }
    }

    @Override
    public void sendText(String json) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (channel == null || channel.getState() != RTCDataChannelState.OPEN || !pending.isEmpty()) {
                if (pending.size() == MAX_PENDING) {
                    pending.pollFirst();
                }
                pending.addLast(json);
                if (channel != null && channel.getState() == RTCDataChannelState.OPEN) {
                    flushLocked();
                }
                return;
            }
            sendLocked(json);
        }
    }

    private void flushPending() {
        synchronized (lock) {
            flushLocked();
        }
    }

    private void flushLocked() {
        while (!closed && channel != null && !pending.isEmpty()) {
            sendLocked(pending.pollFirst());
        }
    }

    private void sendLocked(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer data = ByteBuffer.allocateDirect(bytes.length);
        data.put(bytes).flip();
        try {
            channel.send(new RTCDataChannelBuffer(data, false));
        } catch (Exception e) {
            // the channel is closing; the connection state change ends the session
        }
    }

    private void fail(String message) {
        sendText(Wire.errorMessage(new ApiError(ErrorCode.MEDIA_ERROR, message)));
    }

    /**
     * Releases everything, once: sinks, senders, the connection, own tracks and sources, the data channel. Safe to
     * call from any thread, any number of times.
     */
    @Override
    public void close(ErrorCode code) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            // from here on no sender touches a native object (each checks under the lock)
            closed = true;
            pending.clear();
            if (counted.compareAndSet(true, false)) {
                stream.counters().webrtcConnections.decrementAndGet();
            }
        }
        cancelConnectTimeout();
        transport.forget(this);
        // the natives are released on the transport's own thread: close() may run inside one of the connection's
        // callbacks (a state change, a data-channel message), and webrtc-java's close() deletes the observer that
        // is making that call
        transport.releaseLater(this::releaseNatives);
    }

    private void releaseNatives() {
        pcGuard.writeLock().lock();
        try {
            pcReleased = true;
            releaseNativesGuarded();
        } finally {
            pcGuard.writeLock().unlock();
        }
    }

    private void releaseNativesGuarded() {
        // each step on its own, so that one failing never skips the others
        if (videoIn != null && videoSink != null) {
            release(() -> videoIn.removeSink(videoSink));
        }
        if (audioIn != null && audioSink != null) {
            release(() -> audioIn.removeSink(audioSink));
        }
        if (pc != null) {
            for (RTCRtpSender sender : senders) {
                release(() -> pc.removeTrack(sender));
            }
        }
        RTCDataChannel c;
        List<RTCDataChannel> extra;
        RTCDtlsTransport d;
        synchronized (lock) {
            c = channel;
            channel = null;
            extra = List.copyOf(extraChannels);
            extraChannels.clear();
            d = dtls;
            dtls = null;
        }
        if (d != null) {
            release(d::unregisterObserver);
        }
        if (c != null) {
            release(c::unregisterObserver);
            release(c::close);
        }
        for (RTCDataChannel e : extra) {
            release(e::close);
        }
        long handle = 0;
        if (pc != null) {
            long open = NativeRelease.handle(pc);
            handle = release(pc::close) ? open : 0; // not closed: not safe to free
        }
        if (c != null) {
            release(c::dispose); // after the connection let go of it: ours is the last reference
        }
        for (RTCDataChannel e : extra) {
            release(e::dispose);
        }
        for (MediaStreamTrack track : ownTracks) {
            release(track::dispose);
        }
        if (videoOut != null) {
            release(videoOut::dispose);
        }
        if (audioOut != null) {
            release(audioOut::dispose);
        }
        transport.released(handle, audioOut != null);
    }

    /** Runs one release step; a failure is logged, not thrown. @return whether the step succeeded */
    private static boolean release(Runnable step) {
        try {
            step.run();
            return true;
        } catch (Throwable e) {
            LOG.warn("Releasing a WebRTC object failed", e);
            return false;
        }
    }

    boolean isClosed() {
        return closed;
    }
}
