package dev.riffle.e2e.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import dev.riffle.blocks.Placement;
import dev.riffle.filters.Filters;
import dev.riffle.vaadin.QueueStatus;
import dev.riffle.vaadin.StreamingImage;
import dev.riffle.vaadin.WebcamImage;

/**
 * A test view (served from the test class path) for the stream's life in a Vaadin UI: the flip filter on the server,
 * one session at a time, buttons that remove the webcam from the view and put it back, and a log of the events the
 * server-side component received ({@code #events}, one line each).
 */
@Route("test/lifecycle")
public class LifecycleView extends VerticalLayout {

    public LifecycleView() {
        WebcamImage webcam = new WebcamImage("Webcam");
        webcam.setId("webcam");
        StreamingImage output = new StreamingImage("Output");
        output.setId("output");
        webcam.stream(Filters.FLIP).outputs(output).placement(Placement.SERVER).concurrencyLimit(1)
                .key("test-lifecycle");
        Div events = new Div();
        events.setId("events");
        events.getStyle().set("white-space", "pre");
        webcam.addStreamStartedListener(e -> note(events, "started"));
        webcam.addStreamStoppedListener(e -> note(events, "stopped"));
        webcam.addSessionStartedListener(e -> note(events, "session " + e.getTransport()));
        webcam.addQueueChangedListener(e -> note(events, e.isAdmitted() ? "admitted" : "waiting " + e.getPosition()));
        webcam.addStreamErrorListener(e -> note(events, "error " + e.getMessage()));
        webcam.addStreamClosedListener(e -> note(events, "closed " + e.getCode()));
        QueueStatus status = new QueueStatus(webcam);
        status.setId("queue-status");
        VerticalLayout holder = new VerticalLayout(webcam);
        Button detach = new Button("Remove the webcam", e -> holder.remove(webcam));
        detach.setId("detach");
        Button attach = new Button("Put it back", e -> holder.add(webcam));
        attach.setId("attach");
        add(detach, attach, holder, output, status, events);
    }

    private static void note(Div events, String line) {
        events.setText(events.getText() + line + "\n");
    }
}
