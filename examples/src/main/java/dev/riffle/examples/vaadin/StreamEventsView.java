package dev.riffle.examples.vaadin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.riffle.blocks.Placement;
import dev.riffle.filters.Filters;
import dev.riffle.vaadin.QueueStatus;
import dev.riffle.vaadin.StreamingImage;
import dev.riffle.vaadin.WebcamImage;

/**
 * This example shows how to:
 * <ul>
 * <li>follow a stream's life in Java: the webcam component's events - started, session (with its transport), queue
 * (waiting with a position, or admitted), error (a denied or missing camera too), closed (by the server), stopped -
 * logged in the view as they arrive;</li>
 * <li>take the webcam out of the view and put it back: removing it ends its session and releases the camera (a
 * queued one leaves the line); put back, it streams again from Start;</li>
 * <li>share one queue between all users: one session at a time (open a second tab to wait in line).</li>
 * </ul>
 * The handler is the seed's flip, on the server.
 */
@Route("vaadin/stream-events")
@PageTitle("Stream events (Vaadin)")
public class StreamEventsView extends VerticalLayout {

    public StreamEventsView() {
        WebcamImage webcam = new WebcamImage("Webcam");
        webcam.setId("webcam");
        StreamingImage output = new StreamingImage("Flipped");
        output.setId("output");
        webcam.stream(Filters.FLIP).outputs(output).placement(Placement.SERVER).concurrencyLimit(1);
        Div events = new Div();
        events.setId("events");
        events.getStyle().set("white-space", "pre").set("font-family", "monospace");
        webcam.addStreamStartedListener(e -> log(events, "started"));
        webcam.addStreamStoppedListener(e -> log(events, "stopped"));
        webcam.addSessionStartedListener(e -> log(events, "session " + e.getTransport()));
        webcam.addQueueChangedListener(e -> log(events, e.isAdmitted() ? "admitted" : "waiting " + e.getPosition()));
        webcam.addStreamErrorListener(e -> log(events, "error " + e.getMessage()));
        webcam.addStreamClosedListener(e -> log(events, "closed " + e.getCode()));
        QueueStatus status = new QueueStatus(webcam);
        status.setId("queue-status");
        VerticalLayout holder = new VerticalLayout(webcam);
        holder.setPadding(false);
        Button remove = new Button("Remove the webcam", e -> holder.remove(webcam));
        remove.setId("detach");
        Button putBack = new Button("Put it back", e -> holder.add(webcam));
        putBack.setId("attach");
        add(new H2("Stream events"), new Paragraph("The events the Java component receives, one per line. One"
                + " session at a time: a second tab waits in line."), new HorizontalLayout(remove, putBack),
                new HorizontalLayout(holder, output), status, events);
    }

    private static void log(Div events, String line) {
        events.setText(events.getText() + line + "\n");
    }
}
