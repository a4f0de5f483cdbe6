package dev.riffle.vaadin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.textfield.TextArea;
import dev.riffle.audio.ReplyOnPause;
import dev.riffle.filters.Flip;
import dev.riffle.handler.AudioVideoStreamHandler;
import dev.riffle.handler.Generator;
import dev.riffle.media.AudioChunk;
import dev.riffle.server.Stream;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Mode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FastRTC's WebRTC(modality, mode) as one Vaadin component: which elements it shows and how they are wired. */
class WebRtcStreamTest {
    static final Generator SILENCE = inputs -> java.util.stream.Stream.of(new AudioChunk(48_000, 1, new short[480]));

    /** The elements each combination shows, by tag, in order, and which of them take the handler's media. */
    @ParameterizedTest
    @CsvSource({
        "VIDEO, SEND_RECEIVE, riffle-webcam, riffle-webcam",
        "VIDEO, SEND, riffle-webcam, ''",
        "AUDIO, SEND_RECEIVE, riffle-microphone, riffle-microphone",
        "AUDIO, SEND, riffle-microphone, ''",
        "AUDIO_VIDEO, SEND_RECEIVE, riffle-webcam riffle-audio, riffle-webcam riffle-audio",
        "AUDIO_VIDEO, SEND, riffle-webcam, ''",
        "VIDEO, RECEIVE, riffle-image riffle-button, riffle-image",
        "AUDIO, RECEIVE, riffle-audio riffle-button, riffle-audio",
        "AUDIO_VIDEO, RECEIVE, riffle-image riffle-audio riffle-button, riffle-image riffle-audio"})
    void eachModalityAndModeShowsItsElements(Modality modality, Mode mode, String shown, String media) {
        WebRtcStream rtc = new WebRtcStream("Stream", modality, mode);
        assertEquals(shown, String.join(" ", rtc.getContent().getChildren().map(WebRtcStreamTest::tag).toList()));
        assertEquals(media, String.join(" ", rtc.getMediaOutputs().stream().map(WebRtcStreamTest::tag).toList()));
        assertEquals(modality == Modality.AUDIO_VIDEO && mode != Mode.RECEIVE,
                rtc.getSource().getElement().hasAttribute("audio"), "the webcam sends the microphone too");
    }

    @Test
    void sendReceiveVideo_isTheUnifiedWebcam_andValueOutputsComeAfterIt() {
        WebRtcStream rtc = new WebRtcStream("Stream", Modality.VIDEO, Mode.SEND_RECEIVE);
        TextArea log = new TextArea("Log");
        StreamWiring w = rtc.stream(Stream.video("flip", new Flip())).outputs(log);
        assertSame(w, rtc.getStreamWiring());
        assertEquals(List.of(rtc.getSource(), log), w.getOutputs(), "the media output stays first");
        Map<String, Object> spec = w.spec("/riffle/streams/k", "/");
        assertEquals(List.of("source"), spec.get("outputs"), "the webcam shows the answer in place");
        assertEquals("video", spec.get("modality"));
        assertEquals("send_receive", spec.get("mode"));
        assertEquals(List.of(log), w.valueOutputs());
    }

    @Test
    void sendMode_reachesTheServerStream_andNoMediaComesBack() {
        WebRtcStream rtc = new WebRtcStream("Talk", Modality.AUDIO, Mode.SEND);
        Stream.Builder b = Stream.audio("transcribe", new ReplyOnPause((speech, args) -> java.util.stream.Stream.empty()));
        StreamWiring w = rtc.stream(b);
        assertEquals(Mode.SEND, b.mode());
        assertEquals("send", w.spec(null, "/").get("mode"));
        assertEquals(List.of(), w.spec(null, "/").get("outputs"));
        assertInstanceOf(MicrophoneAudio.class, rtc.getSource());
    }

    @Test
    void receive_playsAGenerator_throughItsOutputs() {
        WebRtcStream rtc = new WebRtcStream("Stream", Modality.AUDIO, Mode.RECEIVE);
        StreamWiring w = rtc.stream(Stream.receive("tone", Modality.AUDIO, SILENCE));
        assertInstanceOf(StreamButton.class, rtc.getSource());
        Map<String, Object> spec = w.spec("/riffle/streams/g", "/");
        assertEquals("receive", spec.get("mode"));
        assertEquals(List.of("out0"), spec.get("outputs"));
    }

    @Test
    void aStreamOfAnotherModalityOrDirection_isRefusedWithTheReason() {
        WebRtcStream video = new WebRtcStream("Stream", Modality.VIDEO, Mode.SEND_RECEIVE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> video.stream(Stream.receive("tone", Modality.AUDIO, SILENCE)));
        assertTrue(e.getMessage().contains("carries VIDEO"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> video.stream(Stream.receive("bars", Modality.VIDEO, SILENCE)));
        assertTrue(e.getMessage().contains("Mode.RECEIVE"), e.getMessage());
        WebRtcStream receive = new WebRtcStream("Stream", Modality.AUDIO_VIDEO, Mode.RECEIVE);
        e = assertThrows(IllegalArgumentException.class, () -> receive.stream(Stream.audioVideo("echo",
                () -> (AudioVideoStreamHandler) null)));
        assertTrue(e.getMessage().contains("Stream.receive"), e.getMessage());
    }

    @Test
    void aComponentTriggersOneStream() {
        WebRtcStream rtc = new WebRtcStream(Modality.VIDEO, Mode.SEND_RECEIVE);
        rtc.stream(Stream.video("flip", new Flip()));
        assertThrows(IllegalStateException.class, () -> rtc.stream(Stream.video("again", new Flip())));
    }

    @Test
    void serialization_aWiredComponentSurvivesASessionRoundTrip() throws Exception {
        WebRtcStream rtc = new WebRtcStream("Stream", Modality.AUDIO_VIDEO, Mode.SEND_RECEIVE);
        TextArea log = new TextArea("Log");
        rtc.stream(Stream.audioVideo("echo", () -> (AudioVideoStreamHandler) null)).outputs(log);
        WebRtcStream copy = ComponentsTest.roundTrip(rtc);
        assertEquals(Modality.AUDIO_VIDEO, copy.getModality());
        assertEquals("echo", copy.getStreamWiring().getName());
        assertEquals(3, copy.getStreamWiring().getOutputs().size(), "webcam, audio player, log");
        assertSame(copy.getSource(), copy.getStreamWiring().getOutputs().get(0));
        assertEquals("audio_video", copy.getStreamWiring().getModality());
    }

    private static String tag(Component c) {
        return c.getElement().getTag();
    }
}
