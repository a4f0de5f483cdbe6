package dev.riffle.examples.vaadin;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.riffle.blocks.Placement;
import dev.riffle.filters.Filters;
import dev.riffle.vaadin.StreamWiring;
import dev.riffle.vaadin.StreamingImage;
import dev.riffle.vaadin.WebcamImage;
import java.time.Duration;
import java.util.Locale;

/**
 * This example shows how to:
 * <ul>
 * <li>build the seed's realistic image demo as a Vaadin view: a {@link Select} picks the filter, the webcam streams,
 * the output shows the filtered frames;</li>
 * <li>choose where the handler runs: {@code ?placement=lite} (the default: WebAssembly in the browser) or
 * {@code ?placement=server} (behind the queue, over WebRTC with the WebSocket as fallback) - the same Java
 * handler either way;</li>
 * <li>feed a server-side component's value to the handler: the select's changes apply from the next frame.</li>
 * </ul>
 */
@Route("vaadin/realistic-image")
@PageTitle("Realistic image demo (Vaadin)")
public class FilterView extends VerticalLayout implements BeforeEnterObserver {
    private final StreamWiring stream;

    public FilterView() {
        Select<String> transform = new Select<>();
        transform.setLabel("Transformation");
        transform.setItems("cartoon", "edges", "flip");
        transform.setValue("flip");
        transform.setId("transform");
        WebcamImage webcam = new WebcamImage("Webcam");
        webcam.setId("webcam");
        StreamingImage output = new StreamingImage("Output");
        output.setId("output");
        stream = webcam.stream(Filters.TRANSFORM)
                .inputs(transform)
                .outputs(output)
                .timeLimit(Duration.ofSeconds(30))
                .streamEvery(0.1)
                .concurrencyLimit(30);
        add(new H2("Realistic image demo"),
                new HorizontalLayout(new VerticalLayout(transform, webcam), new VerticalLayout(output)));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("placement")
                .map(p -> Placement.valueOf(p.toUpperCase(Locale.ROOT)))
                .ifPresent(stream::placement);
    }
}
