package dev.riffle.examples.vaadin;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.slider.IntegerSlider;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.riffle.examples.EdgeCountStream;
import dev.riffle.vaadin.QueueStatus;
import dev.riffle.vaadin.WebcamImage;
import java.time.Duration;

/**
 * This example shows how to:
 * <ul>
 * <li>run a handler on the server from a Vaadin view, behind the queue: at most 2 sessions at once, 60 s each, the
 * others wait with their position shown in a {@link QueueStatus};</li>
 * <li>feed a Vaadin slider to the handler (Canny's threshold) and show the handler's {@code AdditionalOutputs} (how
 * many pixels are edges) in a Vaadin {@link NumberField}, updated through Push;</li>
 * <li>show the handler's frames in the webcam itself (the unified layout).</li>
 * </ul>
 */
@Route("vaadin/edge-count")
@PageTitle("Edge count (Vaadin, server handler)")
public class EdgeCountView extends VerticalLayout {

    public EdgeCountView() {
        IntegerSlider threshold = new IntegerSlider("Edge threshold", 10, 250);
        threshold.setValue(100);
        threshold.setStep(5);
        threshold.setId("threshold");
        threshold.setValueAlwaysVisible(true);
        NumberField count = new NumberField("Edge pixels");
        count.setReadOnly(true);
        count.setId("count");
        WebcamImage webcam = new WebcamImage("Webcam");
        webcam.setId("webcam");
        webcam.stream("edge-count", EdgeCountStream::new)
                .inputs(threshold)
                .outputs(webcam, count)
                .concurrencyLimit(2)
                .timeLimit(Duration.ofSeconds(60));
        QueueStatus status = new QueueStatus(webcam);
        status.setId("queue-status");
        add(new H2("Edge count"), new Paragraph("The handler runs on the server; the number is its additional output."),
                threshold, webcam, status, count);
    }
}
