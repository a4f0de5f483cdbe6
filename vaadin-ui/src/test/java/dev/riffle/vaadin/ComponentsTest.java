package dev.riffle.vaadin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.messages.MessageList;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import dev.riffle.blocks.Placement;
import dev.riffle.filters.Filters;
import dev.riffle.handler.StreamHandler;
import dev.riffle.stream.Modality;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The components' properties, events, stream declarations and serialization, without a browser. */
class ComponentsTest {

    @Test
    void elementsAreTheBrowserClientsCustomElements() {
        assertEquals("riffle-webcam", WebcamImage.class.getAnnotation(Tag.class).value());
        assertEquals("riffle-microphone", MicrophoneAudio.class.getAnnotation(Tag.class).value());
        assertEquals("riffle-image", StreamingImage.class.getAnnotation(Tag.class).value());
        assertEquals("riffle-audio", StreamingAudio.class.getAnnotation(Tag.class).value());
        assertEquals("./riffle/riffle-webcam.js", WebcamImage.class.getAnnotation(JsModule.class).value());
        assertEquals("./riffle/vaadin-stream.js", MediaSource.class.getAnnotation(JsModule.class).value(),
                "every source loads the wiring module");
    }

    @Test
    void settersWriteTheAttributesTheElementsRead() {
        WebcamImage webcam = new WebcamImage("Camera");
        assertEquals("Camera", webcam.getElement().getAttribute("label"));
        assertEquals("Camera", webcam.getLabel());
        assertFalse(webcam.isAutostart());
        webcam.setAutostart(true);
        webcam.setAudio(true);
        assertTrue(webcam.getElement().hasAttribute("autostart"));
        assertTrue(webcam.isAudio());
        webcam.setAudio(false);
        assertFalse(webcam.getElement().hasAttribute("audio"));
        StreamingImage image = new StreamingImage();
        image.setLabel(null);
        assertEquals("", image.getLabel());
        assertEquals("Speaker", new StreamingAudio("Speaker").getElement().getAttribute("label"));
    }

    @Test
    void placement_autoRunsLiteHandlersInTheBrowserAndOthersOnTheServer() {
        StreamWiring lite = new WebcamImage().stream(Filters.FLIP);
        assertEquals(Placement.AUTO, lite.getPlacement());
        assertEquals(Placement.LITE, lite.effectivePlacement());
        assertEquals(Placement.SERVER, lite.placement(Placement.SERVER).effectivePlacement());

        StreamWiring server = new WebcamImage().stream("invert", (in, out, inputs) -> { });
        assertEquals(Placement.SERVER, server.effectivePlacement());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> server.placement(Placement.LITE));
        assertTrue(e.getMessage().contains("no Lite build"), e.getMessage());
    }

    @Test
    void aSourceTriggersOneStream() {
        WebcamImage webcam = new WebcamImage();
        webcam.stream(Filters.FLIP);
        assertThrows(IllegalStateException.class, () -> webcam.stream(Filters.EDGES));
        assertSame(webcam.getStreamWiring(), webcam.getStreamWiring());
    }

    @Test
    void limitsAreCheckedAsGradioChecksThem() {
        StreamWiring w = new WebcamImage().stream(Filters.FLIP);
        assertThrows(IllegalArgumentException.class, () -> w.timeLimit(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> w.concurrencyLimit(0));
        assertThrows(IllegalArgumentException.class, () -> w.streamEvery(0));
        w.timeLimit(Duration.ofMillis(1500)).concurrencyLimit(null).concurrencyId("gpu").streamEvery(0.5);
        assertEquals(Duration.ofMillis(1500), w.getTimeLimit());
        assertNull(w.getConcurrencyLimit());
        assertEquals("gpu", w.getConcurrencyId());
        assertEquals(0.5, w.getStreamEvery());
    }

    @Test
    void inputValuesReachTheSourceElementAsTheyChange() {
        WebcamImage webcam = new WebcamImage();
        Select<String> transform = new Select<>();
        transform.setItems("cartoon", "edges", "flip");
        transform.setValue("flip");
        NumberField strength = new NumberField();
        strength.setValue(2.5);
        StreamWiring w = webcam.stream(Filters.TRANSFORM).inputs(transform, strength);
        assertEquals(Arrays.asList("flip", 2.5), w.inputValues());
        assertEquals("[\"flip\",2.5]", webcam.getElement().getPropertyRaw("riffleInputs").toString());
        transform.setValue("edges");
        strength.clear();
        assertEquals(Arrays.asList("edges", null), w.inputValues());
        assertEquals("[\"edges\",null]", webcam.getElement().getPropertyRaw("riffleInputs").toString());
    }

    @Test
    void spec_namesMediaOutputsAndTheUnifiedSource() {
        WebcamImage webcam = new WebcamImage();
        StreamingImage shown = new StreamingImage();
        NumberField count = new NumberField();
        StreamWiring w = webcam.stream(Filters.EDGES).outputs(webcam, shown, count).timeLimit(Duration.ofSeconds(30));
        Map<String, Object> spec = w.spec("/riffle/streams/k", "/frontend/riffle/");
        assertEquals("edges", spec.get("handler"));
        assertEquals("video", spec.get("modality"));
        assertEquals(List.of("source", "out0"), spec.get("outputs"), "the number is not a media output");
        assertEquals(30.0, spec.get("timeLimit"));
        assertEquals("/riffle/streams/k", spec.get("server"));
        assertEquals(List.of(count), w.valueOutputs());
        StreamWiring audio = new MicrophoneAudio().stream("echo", new Silence());
        assertEquals("audio", audio.spec(null, "/").get("modality"));
        assertFalse(audio.spec(null, "/").containsKey("server"), "a Lite stream has no server path");
    }

    @Test
    void streamButton_startsAGeneratorsStream_receiveModeWithItsModality() {
        StreamButton generate = new StreamButton("Generate");
        assertEquals("riffle-button", StreamButton.class.getAnnotation(Tag.class).value());
        assertEquals("Generate", generate.getElement().getAttribute("value"));
        StreamingAudio audio = new StreamingAudio("Stream");
        IntegerField steps = new IntegerField();
        steps.setValue(3);
        StreamWiring w = generate.stream("generation", Modality.AUDIO, in -> java.util.stream.Stream.empty())
                .inputs(steps).outputs(audio);
        Map<String, Object> spec = w.spec("/riffle/streams/g", "/");
        assertEquals("receive", spec.get("mode"));
        assertEquals("audio", spec.get("modality"));
        assertEquals(List.of("out0"), spec.get("outputs"));
        assertEquals(Placement.SERVER, w.effectivePlacement(), "a generator runs on the server");
        assertThrows(IllegalArgumentException.class, () -> w.placement(Placement.LITE));
        assertEquals(List.of(3), w.inputValues());
    }

    @Test
    void webcamWithAudio_isAnAudioVideoStream() {
        WebcamImage webcam = new WebcamImage();
        StreamWiring w = webcam.streamWithAudio("av", () -> null);
        assertTrue(webcam.isAudio(), "the element asks for the microphone too");
        assertEquals("audio_video", w.spec(null, "/").get("modality"));
        assertEquals("send_receive", w.getMode());
    }

    @Test
    void blocksRenderer_aGeneratorsButtonBecomesAStreamButton_andAudioVideoIsWired() {
        dev.riffle.blocks.Audio out = dev.riffle.blocks.Audio.output().streaming(true).label("Stream");
        dev.riffle.blocks.Button go = dev.riffle.blocks.Button.create("Generate");
        out.stream("generation", (dev.riffle.handler.Generator) in -> java.util.stream.Stream.empty()).outputs(out).trigger(go);
        com.vaadin.flow.component.Component root = BlocksRenderer.render(
                new dev.riffle.blocks.Blocks("gen").add(dev.riffle.blocks.Column.of(out, go)), "gen");
        List<StreamButton> buttons = descendants(root, StreamButton.class);
        assertEquals(1, buttons.size());
        assertEquals("Generate", buttons.get(0).getText());
        assertEquals("receive", buttons.get(0).getStreamWiring().getMode());
        assertEquals(List.of(), descendants(root, com.vaadin.flow.component.html.Paragraph.class),
                "no 'not wired' note");
    }

    private static <T> List<T> descendants(com.vaadin.flow.component.Component c, Class<T> type) {
        List<T> found = new ArrayList<>();
        if (type.isInstance(c)) {
            found.add(type.cast(c));
        }
        c.getChildren().forEach(child -> found.addAll(descendants(child, type)));
        return found;
    }

    @Test
    void outputValues_areConvertedToEachFieldsType() {
        NumberField number = new NumberField();
        OutputValues.show(number, 42L);
        assertEquals(42.0, number.getValue());
        IntegerField integer = new IntegerField();
        OutputValues.show(integer, 7.0);
        assertEquals(7, integer.getValue());
        TextField text = new TextField();
        OutputValues.show(text, 3.0);
        assertEquals("3", text.getValue(), "whole numbers show without a decimal point");
        TextArea transcript = new TextArea();
        OutputValues.show(transcript, "hello world");
        assertEquals("hello world", transcript.getValue());
        OutputValues.show(transcript, null);
        assertEquals("", transcript.getValue());
    }

    @Test
    void outputValues_aChatbotGetsMessagesAppendedOrReplaced() {
        MessageList chat = new MessageList();
        OutputValues.show(chat, "Hi!");
        OutputValues.show(chat, "How can I help?");
        assertEquals(List.of("Hi!", "How can I help?"), chat.getItems().stream().map(i -> i.getText()).toList());
        OutputValues.show(chat, List.of(Map.of("role", "user", "content", "hello"),
                Map.of("role", "assistant", "content", "hi there")));
        assertEquals(2, chat.getItems().size());
        assertEquals("You", chat.getItems().get(0).getUserName());
        assertEquals("hi there", chat.getItems().get(1).getText());
    }

    @Test
    void events_reachListenersUntilTheirRegistrationIsRemoved() {
        WebcamImage webcam = new WebcamImage();
        List<String> seen = new ArrayList<>();
        Registration r = webcam.addSessionStartedListener(e -> seen.add(e.getSessionId() + "/" + e.getTransport()));
        webcam.addStreamClosedListener(e -> seen.add(e.getCode()));
        ComponentUtil.fireEvent(webcam, new MediaSource.SessionStartedEvent(webcam, true, "s1", "webrtc"));
        ComponentUtil.fireEvent(webcam, new MediaSource.StreamClosedEvent(webcam, true, "closed_by_handler", "done"));
        r.remove();
        ComponentUtil.fireEvent(webcam, new MediaSource.SessionStartedEvent(webcam, true, "s2", "webrtc"));
        assertEquals(List.of("s1/webrtc", "closed_by_handler"), seen);
    }

    @Test
    void queueStatus_followsTheSourcesQueueEvents() {
        WebcamImage webcam = new WebcamImage();
        QueueStatus status = new QueueStatus(webcam);
        assertEquals("idle", status.getState());
        ComponentUtil.fireEvent(webcam, new MediaSource.QueueChangedEvent(webcam, true, "waiting", 2, 7.2, null));
        assertEquals("waiting", status.getState());
        assertEquals(2, status.getPosition());
        assertEquals("In queue: position 2, about 8 s", status.getText());
        ComponentUtil.fireEvent(webcam, new MediaSource.QueueChangedEvent(webcam, true, "admitted", 0, null, 30.0));
        assertEquals("Streaming", status.getText());
        assertEquals("streaming", status.getElement().getAttribute("state"));
        ComponentUtil.fireEvent(webcam, new MediaSource.StreamErrorEvent(webcam, true, "Camera permission denied"));
        assertEquals("Camera permission denied", status.getText());
        status.detachFromSource();
        ComponentUtil.fireEvent(webcam, new MediaSource.QueueChangedEvent(webcam, true, "waiting", 1, null, null));
        assertEquals("error", status.getState(), "no longer following");
    }

    @Test
    void serialization_aViewWithAWiredStreamSurvivesASessionRoundTrip() throws Exception {
        WebcamImage webcam = new WebcamImage("Webcam");
        Select<String> transform = new Select<>();
        transform.setItems("flip", "edges");
        transform.setValue("flip");
        StreamingImage output = new StreamingImage("Output");
        webcam.stream(Filters.TRANSFORM).inputs(transform).outputs(output).timeLimit(Duration.ofSeconds(30));
        new QueueStatus(webcam);

        WebcamImage copy = roundTrip(webcam);
        assertEquals("Webcam", copy.getLabel());
        StreamWiring w = copy.getStreamWiring();
        assertEquals(Duration.ofSeconds(30), w.getTimeLimit());
        assertEquals(List.of("flip"), w.inputValues());
        assertInstanceOf(StreamingImage.class, w.getOutputs().get(0));
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    /** An audio handler that answers nothing. */
    private static final class Silence extends StreamHandler {
        @Override
        public void receive(dev.riffle.media.AudioChunk chunk) {
        }

        @Override
        public dev.riffle.media.AudioChunk emit() {
            return null;
        }

        @Override
        public StreamHandler copy() {
            return new Silence();
        }
    }
}
