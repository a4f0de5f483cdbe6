package dev.riffle.vaadin;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.Locale;

/**
 * A server-side view of a source's place in the queue, for layouts that want it outside the media element (which
 * shows the same in its own status line): "In queue: position 2, about 8 s", "Streaming", and Gradio's orange bar that
 * empties over the time limit. Follows {@link MediaSource}'s events, so it updates with no extra wiring.
 */
public class QueueStatus extends Composite<Div> {
    private final Span text = new Span();
    private final Div bar = new Div();
    private final Div track = new Div(bar);
    private final List<Registration> registrations;
    private String state = "idle";
    private int position;

    public QueueStatus(MediaSource source) {
        getContent().addClassName("riffle-queue-status");
        text.addClassName("riffle-queue-text");
        track.addClassName("riffle-queue-track");
        track.getStyle().set("height", "4px").set("background", "var(--lumo-contrast-10pct, #eee)");
        bar.getStyle().set("height", "100%").set("background", "#f97316").set("width", "0");
        track.setVisible(false);
        getContent().add(text, track);
        registrations = List.of(
                source.addQueueChangedListener(e -> {
                    if (e.isAdmitted()) {
                        show("streaming", 0, "Streaming", e.getTimeLimit());
                    } else {
                        String eta = e.getEta() == null ? "" : String.format(Locale.ROOT, ", about %d s",
                                (long) Math.ceil(e.getEta()));
                        show("waiting", e.getPosition(), "In queue: position " + e.getPosition() + eta, null);
                    }
                }),
                source.addSessionStartedListener(e -> show("connecting", 0, "Connecting...", null)),
                source.addStreamClosedListener(e -> show("closed", 0, e.getMessage(), null)),
                source.addStreamStoppedListener(e -> show("idle", 0, "", null)),
                source.addStreamErrorListener(e -> show("error", 0, e.getMessage(), null)));
    }

    /** {@code idle}, {@code connecting}, {@code waiting}, {@code streaming}, {@code closed} or {@code error}. */
    public String getState() {
        return state;
    }

    /** Place in line while waiting (1 = next), else 0. */
    public int getPosition() {
        return position;
    }

    /** What the status line says. */
    public String getText() {
        return text.getText();
    }

    /** Stops following the source. */
    public void detachFromSource() {
        registrations.forEach(Registration::remove);
    }

    private void show(String state, int position, String message, Double timeLimit) {
        this.state = state;
        this.position = position;
        text.setText(message == null ? "" : message);
        getContent().getElement().setAttribute("state", state);
        track.setVisible(timeLimit != null);
        if (timeLimit != null) {
            // full now, empty when the slot ends: the browser animates it
            bar.getStyle().set("transition", "none").set("width", "100%");
            bar.getElement().executeJs("requestAnimationFrame(() => requestAnimationFrame(() => {"
                    + " this.style.transition = 'width ' + $0 + 's linear'; this.style.width = '0'; }))", timeLimit);
        }
    }
}
