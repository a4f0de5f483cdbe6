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
 * empties over the time limit. Follows {@link MediaSource}'s events, so it updates with no extra wiring. While waiting,
 * the browser counts the estimated seconds down every second (the server says them again only when the position
 * changes).
 */
public class QueueStatus extends Composite<Div> {
    /** Counts the estimate down in the browser: "{@code , about N s}" every second; cleared with {@code null}. */
    private static final String COUNTDOWN = "clearInterval(this.riffleCountdown); this.textContent = '';"
            + " if ($0 == null) return; const end = Date.now() + $0 * 1000;"
            + " const render = () => { if (!this.isConnected) { clearInterval(this.riffleCountdown); return; }"
            + " const left = Math.ceil((end - Date.now()) / 1000);"
            + " this.textContent = left > 0 ? ', about ' + left + ' s' : ', any moment now'; };"
            + " render(); this.riffleCountdown = setInterval(render, 1000);";
    private final Span text = new Span();
    /** the estimate while waiting: written only by the browser's countdown */
    private final Span eta = new Span();
    private final Div bar = new Div();
    private final Div track = new Div(bar);
    private final List<Registration> registrations;
    private String state = "idle";
    private int position;
    private String message = "";

    public QueueStatus(MediaSource source) {
        getContent().addClassName("riffle-queue-status");
        text.addClassName("riffle-queue-text");
        track.addClassName("riffle-queue-track");
        track.getStyle().set("height", "4px").set("background", "var(--lumo-contrast-10pct, #eee)");
        bar.getStyle().set("height", "100%").set("background", "#f97316").set("width", "0");
        track.setVisible(false);
        eta.addClassName("riffle-queue-eta");
        getContent().add(text, eta, track);
        registrations = List.of(
                source.addQueueChangedListener(e -> {
                    if (e.isAdmitted()) {
                        show("streaming", 0, "Streaming", e.getTimeLimit());
                    } else {
                        String line = "In queue: position " + e.getPosition();
                        String about = e.getEta() == null ? "" : String.format(Locale.ROOT, ", about %d s",
                                (long) Math.ceil(e.getEta()));
                        show("waiting", e.getPosition(), line + about, null);
                        text.setText(line);
                        eta.getElement().executeJs(COUNTDOWN, e.getEta());
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

    /** What the status line says (while waiting: with the estimate as it was when the position changed). */
    public String getText() {
        return message;
    }

    /** Stops following the source. */
    public void detachFromSource() {
        registrations.forEach(Registration::remove);
    }

    private void show(String state, int position, String message, Double timeLimit) {
        this.state = state;
        this.position = position;
        this.message = message == null ? "" : message;
        text.setText(this.message);
        eta.getElement().executeJs(COUNTDOWN, (Object) null);
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
