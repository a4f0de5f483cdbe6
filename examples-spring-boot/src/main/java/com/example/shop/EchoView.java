package com.example.shop;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import dev.riffle.server.Stream;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Mode;
import dev.riffle.vaadin.WebRtcStream;
import java.time.Duration;
import java.util.ArrayDeque;

/** FastRTC's echo: the microphone played back from the server, over WebRTC. */
@Route("echo")
@PageTitle("Echo")
public class EchoView extends VerticalLayout {
    public EchoView() {
        WebRtcStream echo = new WebRtcStream("Microphone", Modality.AUDIO, Mode.SEND_RECEIVE);
        echo.setId("echo");
        echo.stream(Stream.audio("echo", new Echo())).timeLimit(Duration.ofSeconds(30));
        add(new H2("Echo"), echo);
    }

    /** Plays back what it hears. */
    static final class Echo extends StreamHandler {
        private final ArrayDeque<AudioChunk> heard = new ArrayDeque<>();

        @Override
        public void receive(AudioChunk chunk) {
            heard.add(chunk);
        }

        @Override
        public AudioChunk emit() {
            return heard.poll();
        }

        @Override
        public StreamHandler copy() {
            return new Echo();
        }
    }
}
