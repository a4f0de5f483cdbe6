package dev.riffle.examples.vaadin;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.riffle.examples.EchoAudio;
import dev.riffle.examples.ServerToClient;
import dev.riffle.filters.Filters;
import dev.riffle.server.Stream;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Mode;
import dev.riffle.vaadin.WebRtcStream;
import java.time.Duration;

/**
 * This example shows how to:
 * <ul>
 * <li>use one component the way FastRTC's {@code WebRTC(modality=..., mode=...)} is used: say what the stream carries
 * and which way, give it a server {@link Stream}, and it shows the webcam, the microphone or a Start button with the
 * player that combination needs;</li>
 * <li>three of its combinations: {@code /vaadin/webrtc/video} (video send-receive: the webcam shows its frames
 * flipped), {@code /vaadin/webrtc/audio} (audio send-receive: FastRTC's echo {@code StreamHandler} plays the
 * microphone back, 15 s time limit) and {@code /vaadin/webrtc/generate} (video receive: a generator's colour bars).</li>
 * </ul>
 */
@Route("vaadin/webrtc/:demo")
@PageTitle("WebRTC stream component (Vaadin)")
public class WebRtcView extends VerticalLayout implements BeforeEnterObserver {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String demo = event.getRouteParameters().get("demo").orElse("");
        WebRtcStream rtc = switch (demo) {
            case "video" -> {
                WebRtcStream video = new WebRtcStream("Webcam", Modality.VIDEO, Mode.SEND_RECEIVE);
                video.stream(Stream.video(Filters.FLIP)).timeLimit(Duration.ofSeconds(60)).concurrencyLimit(4);
                yield video;
            }
            case "audio" -> {
                WebRtcStream audio = new WebRtcStream("Stream", Modality.AUDIO, Mode.SEND_RECEIVE);
                audio.stream(Stream.audio("echo", new EchoAudio())).timeLimit(Duration.ofSeconds(15));
                yield audio;
            }
            case "generate" -> {
                WebRtcStream bars = new WebRtcStream("Stream", Modality.VIDEO, Mode.RECEIVE);
                bars.stream(Stream.receive("bars", Modality.VIDEO, ServerToClient::frames));
                yield bars;
            }
            default -> throw new NotFoundException("No WebRTC demo '" + demo + "'");
        };
        rtc.setId("rtc");
        removeAll();
        add(new H2("WebRtcStream: " + rtc.getModality() + ", " + rtc.getMode()),
                new Paragraph("One component for FastRTC's WebRTC(modality, mode); the handler runs on the server."),
                rtc);
    }
}
