package dev.riffle.examples.vaadin;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.messages.MessageList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServlet;
import dev.riffle.audio.AlgoOptions;
import dev.riffle.audio.PauseDetector;
import dev.riffle.audio.ReplyOnPause;
import dev.riffle.audio.SpeechToText;
import dev.riffle.examples.Models;
import dev.riffle.examples.Transcribe;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.media.AudioChunk;
import dev.riffle.vaadin.MicrophoneAudio;
import dev.riffle.vaadin.QueueStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * This example shows how to:
 * <ul>
 * <li>put a voice chat in a Vaadin view: a microphone, FastRTC's {@code ReplyOnPause} (Silero VAD) on the server,
 * and a Vaadin {@link MessageList} as the chatbot;</li>
 * <li>send {@code AdditionalOutputs} from a reply: each turn is written down by the speech recogniser (Pocketsphinx)
 * as the user's message, then answered - the turn played back, and an assistant message - through Push;</li>
 * <li>greet the user when the stream starts, with {@code ReplyOnPause}'s startup function.</li>
 * </ul>
 * The gallery's recogniser knows a few phrases ({@code Transcribe.PHRASES}): "hello world", "what time is it", ...
 */
@Route("vaadin/voice-chat")
@PageTitle("Voice chat (Vaadin, ReplyOnPause + MessageList)")
public class VoiceChatView extends VerticalLayout {

    public VoiceChatView() {
        Models models = (Models) VaadinServlet.getCurrent().getServletContext().getAttribute(Models.class.getName());
        MessageList chat = new MessageList();
        chat.setId("chat");
        MicrophoneAudio microphone = new MicrophoneAudio("Talk");
        microphone.setId("microphone");
        microphone.stream("voice-chat", handler(models.vad().detector(), models.speech()))
                .outputs(microphone, chat)
                .timeLimit(Duration.ofSeconds(90));
        QueueStatus status = new QueueStatus(microphone);
        add(new H2("Voice chat"), new Paragraph("Say one of: " + String.join(", ",
                Transcribe.PHRASES) + ". Pause, and the turn is written down and answered."),
                microphone, status, chat);
    }

    /** Each turn: the user's words into the chat, the turn played back, and an answer in the chat. */
    static ReplyOnPause handler(PauseDetector detector, SpeechToText speech) {
        return new ReplyOnPause((turn, args) -> {
            String heard = speech.transcribe(turn);
            String said = heard.isEmpty() ? "(nothing I could make out)" : heard;
            return Stream.of(AdditionalOutputs.of(Map.of("role", "user", "content", said)), turn,
                    AdditionalOutputs.of(String.format(Locale.ROOT, "You said \"%s\" (%.1f s).", said,
                            seconds(turn))));
        }).startup(args -> Stream.of(AdditionalOutputs.of("Hello! Say something and pause.")))
                .detector(detector)
                .algoOptions(AlgoOptions.fastrtc());
    }

    private static double seconds(AudioChunk turn) {
        return turn.samples().length / (double) turn.channels() / turn.sampleRate();
    }
}
