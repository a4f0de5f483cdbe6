package dev.riffle.audio;

import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.Resampler;
import dev.riffle.stream.Protocol;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * FastRTC's {@code ReplyOnPause}: listens to the microphone, and when the user has spoken and then paused, calls
 * the reply function with everything said in that turn; what the function's stream yields is sent back -
 * {@link AudioChunk}s are played, {@link AdditionalOutputs} go to the other outputs.
 *
 * <pre>{@code
 * stream.audio("echo", new ReplyOnPause((speech, args) -> Stream.of(speech)).detector(sileroVad.detector()));
 * }</pre>
 *
 * The reply stream is pulled lazily, one item per {@link #emit()}, so a long reply can be a generator
 * ({@code Stream.iterate}, {@code map} over sentences). The connection sends {@code log} messages like FastRTC:
 * {@code started_talking}, {@code pause_detected}, {@code response_starting}. With {@link #canInterrupt} (the
 * default) the user starting to talk over a reply stops it and drops its unplayed audio; without it, audio that
 * arrives while a reply plays is ignored. The microphone's own samples are the clock: a reply "plays" for as many
 * input samples as its audio lasts, so no wall clock is needed.
 */
public class ReplyOnPause extends StreamHandler {

    /** Answers one turn: {@code speech} is the whole turn (mono, at the input rate). Like a Python generator. */
    @FunctionalInterface
    public interface ReplyFunction {
        Stream<?> reply(AudioChunk speech, Inputs args);
    }

    /** Runs once when a connection starts (FastRTC's {@code startup_fn}), e.g. a greeting. */
    @FunctionalInterface
    public interface StartupFunction {
        Stream<?> start(Inputs args);
    }

    private final ReplyFunction fn;
    private StartupFunction startupFn;
    private AlgoOptions algo = AlgoOptions.defaults();
    private VadOptions vad = VadOptions.defaults();
    private PauseDetector detector = new EnergyPauseDetector();
    private boolean canInterrupt = true;

    // ---- per connection
    private int inputRate;
    private Resampler toDetector;
    private float[] window;
    private int windowFill;
    private boolean[] recent;
    private int recentAt;
    private int recentSpeech;
    private boolean speaking;
    private boolean started;
    private final ArrayDeque<short[]> preRoll = new ArrayDeque<>();
    private int preRollSamples;
    private short[] turn = new short[0];
    private int turnLength;
    private AudioChunk pendingTurn;
    private Stream<?> replyStream;
    private Iterator<?> reply;
    private boolean responseStarted;
    private long inputClock;
    private long playingUntil;
    private long turns;

    public ReplyOnPause(ReplyFunction fn) {
        if (fn == null) {
            throw new IllegalArgumentException("ReplyOnPause needs a reply function");
        }
        this.fn = fn;
    }

    /** The detector (default {@link EnergyPauseDetector}); on the server Silero VAD is the one FastRTC uses. */
    public ReplyOnPause detector(PauseDetector detector) {
        this.detector = detector;
        return this;
    }

    public ReplyOnPause algoOptions(AlgoOptions options) {
        this.algo = options;
        return this;
    }

    public ReplyOnPause vadOptions(VadOptions options) {
        this.vad = options;
        return this;
    }

    /** Whether talking over a reply stops it (default true). */
    public ReplyOnPause canInterrupt(boolean canInterrupt) {
        this.canInterrupt = canInterrupt;
        return this;
    }

    public ReplyOnPause startup(StartupFunction startup) {
        this.startupFn = startup;
        return this;
    }

    @Override
    public StreamHandler copy() {
        return new ReplyOnPause(fn).startup(startupFn).algoOptions(algo).vadOptions(vad).canInterrupt(canInterrupt)
                .detector(detector.copy());
    }

    /** Turns answered so far on this connection. */
    public long turns() {
        return turns;
    }

    @Override
    public void startUp() {
        if (startupFn != null) {
            open(startupFn.start(latestArgs()));
        }
    }

    @Override
    public void receive(AudioChunk chunk) {
        AudioChunk mono = chunk.toMono();
        short[] samples = mono.samples();
        if (mono.sampleRate() != inputRate) {
            restart(mono.sampleRate());
        }
        inputClock += samples.length;
        if (!canInterrupt && replying()) {
            return;
        }
        if (started) {
            appendToTurn(samples);
        } else {
            preRoll.addLast(samples);
            preRollSamples += samples.length;
            long keep = (long) inputRate * vad.speechPadMs() / 1000 + Math.round(inputRate * algo.audioChunkDuration());
            while (preRollSamples - preRoll.peekFirst().length >= keep) {
                preRollSamples -= preRoll.removeFirst().length;
            }
        }
        short[] resampled = toDetector != null ? toDetector.process(samples) : samples;
        for (short s : resampled) {
            window[windowFill++] = s / 32768f;
            if (windowFill == window.length) {
                windowFill = 0;
                decide(detector.speechProbability(window));
            }
        }
    }

    private void decide(float probability) {
        if (probability >= vad.threshold()) {
            speaking = true;
        } else if (probability < vad.negThreshold()) {
            speaking = false;
        }
        if (recent[recentAt]) {
            recentSpeech--;
        }
        recent[recentAt] = speaking;
        if (speaking) {
            recentSpeech++;
        }
        recentAt = (recentAt + 1) % recent.length;
        double windowSeconds = (double) detector.windowSamples() / detector.sampleRate();
        double speech = recentSpeech * windowSeconds;
        if (!started && speech >= algo.startedTalkingThreshold() - 1e-9) {
            started = true;
            turnLength = 0;
            for (short[] s : preRoll) {
                appendToTurn(s);
            }
            preRoll.clear();
            preRollSamples = 0;
            sendMessage(Protocol.Type.LOG, "started_talking");
            if (canInterrupt && replying()) {
                interrupt();
            }
        } else if (started && (speech < algo.speechThreshold() - 1e-9
                || turnLength >= algo.maxContinuousSpeech() * inputRate)) {
            started = false;
            short[] said = new short[turnLength];
            System.arraycopy(turn, 0, said, 0, turnLength);
            pendingTurn = new AudioChunk(inputRate, 1, said);
            turnLength = 0;
        }
    }

    /** Drops the running reply and its unplayed audio. */
    private void interrupt() {
        closeReply();
        playingUntil = inputClock;
        clearQueue();
        sendMessage(Protocol.Type.LOG, "interrupted");
    }

    @Override
    public AudioChunk emit() {
        if (reply == null && pendingTurn != null) {
            AudioChunk said = pendingTurn;
            pendingTurn = null;
            turns++;
            sendMessage(Protocol.Type.LOG, "pause_detected");
            open(fn.reply(said, latestArgs()));
        }
        if (reply == null) {
            return null;
        }
        try {
            while (reply.hasNext()) {
                Object item = reply.next();
                if (item instanceof AudioChunk audio) {
                    if (!responseStarted) {
                        responseStarted = true;
                        sendMessage(Protocol.Type.LOG, "response_starting");
                    }
                    long lasts = Math.round(audio.frameCount() * (double) inputRate / audio.sampleRate());
                    playingUntil = Math.max(playingUntil, inputClock) + lasts;
                    return audio;
                } else if (item instanceof AdditionalOutputs outputs) {
                    sendOutputs(outputs);
                } else if (item != null) {
                    throw new IllegalArgumentException("A reply may yield AudioChunk or AdditionalOutputs, not "
                            + item.getClass().getName());
                }
            }
            if (!responseStarted) {
                sendMessage(Protocol.Type.LOG, "response_starting");
            }
        } catch (RuntimeException e) {
            closeReply();
            throw e;
        }
        closeReply();
        return null;
    }

    private void open(Stream<?> stream) {
        closeReply();
        if (stream != null) {
            replyStream = stream;
            reply = stream.iterator();
            responseStarted = false;
        }
    }

    private boolean replying() {
        return reply != null || inputClock < playingUntil;
    }

    private void closeReply() {
        Stream<?> s = replyStream;
        replyStream = null;
        reply = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void shutdown() {
        closeReply();
        detector.close();
    }

    private void restart(int rate) {
        inputRate = rate;
        toDetector = rate == detector.sampleRate() ? null : new Resampler(rate, detector.sampleRate());
        window = new float[detector.windowSamples()];
        windowFill = 0;
        double windowSeconds = (double) detector.windowSamples() / detector.sampleRate();
        recent = new boolean[Math.max(1, (int) Math.round(algo.audioChunkDuration() / windowSeconds))];
        recentAt = 0;
        recentSpeech = 0;
        speaking = false;
        started = false;
        preRoll.clear();
        preRollSamples = 0;
        turnLength = 0;
        detector.reset();
    }

    private void appendToTurn(short[] samples) {
        if (turnLength + samples.length > turn.length) {
            short[] bigger = new short[Math.max(turn.length * 2, turnLength + samples.length)];
            System.arraycopy(turn, 0, bigger, 0, turnLength);
            turn = bigger;
        }
        System.arraycopy(samples, 0, turn, turnLength, samples.length);
        turnLength += samples.length;
    }
}
