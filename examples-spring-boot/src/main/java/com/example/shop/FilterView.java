package com.example.shop;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.riffle.blocks.Placement;
import dev.riffle.vaadin.StreamingImage;
import dev.riffle.vaadin.WebcamImage;
import java.time.Duration;

/** The webcam through {@link Negative} on the server (WebRTC, the WebSocket as fallback), shown beside it. */
@Route("")
@PageTitle("Negative")
public class FilterView extends VerticalLayout {
    public FilterView() {
        WebcamImage webcam = new WebcamImage("Webcam");
        webcam.setId("webcam");
        StreamingImage output = new StreamingImage("Negative");
        output.setId("output");
        webcam.stream("negative", new Negative())
                .outputs(output)
                .placement(Placement.SERVER)
                .timeLimit(Duration.ofSeconds(60))
                .concurrencyLimit(8);
        add(new H2("Negative"), new HorizontalLayout(webcam, output));
    }
}
