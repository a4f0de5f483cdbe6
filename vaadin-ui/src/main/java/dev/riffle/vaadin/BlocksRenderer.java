package dev.riffle.vaadin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.slider.DecimalSlider;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.riffle.blocks.Audio;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.Dropdown;
import dev.riffle.blocks.Group;
import dev.riffle.blocks.Image;
import dev.riffle.blocks.Markdown;
import dev.riffle.blocks.Row;
import dev.riffle.blocks.Slider;
import dev.riffle.blocks.State;
import dev.riffle.blocks.StreamEvent;
import dev.riffle.blocks.Textbox;
import dev.riffle.server.Stream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link Blocks} app as Vaadin components, so one app definition is both a static Lite page
 * ({@code LiteExporter}) and a Vaadin route: rows and columns become layouts, a dropdown a {@link Select}, a slider a
 * {@link DecimalSlider}, a textbox a {@link TextField} or {@link TextArea}, a number a {@link NumberField}, a webcam
 * a {@link WebcamImage}, a microphone a {@link MicrophoneAudio}, outputs {@link StreamingImage} and
 * {@link StreamingAudio}, a button that starts a generator a {@link StreamButton}; {@code gr.State} stays on the
 * server. Each stream event becomes a {@link StreamWiring}
 * with the event's handler, limits and placement; server-placed events run the same {@code Stream} a Riffle page
 * of the app would ({@code Stream.of(app, event)}), mounted under {@code key} and the event's position.
 *
 * <pre>{@code
 * @Route("filters")
 * public class FiltersView extends VerticalLayout {
 *     public FiltersView() {
 *         add(BlocksRenderer.render(RealisticImageDemo.app(), "filters"));
 *     }
 * }
 * }</pre>
 */
public final class BlocksRenderer {
    private final Blocks app;
    private final String key;
    private final Map<dev.riffle.blocks.Component, Component> rendered = new IdentityHashMap<>();
    /** buttons that start a generator's stream: they render as {@link StreamButton}s */
    private final Set<dev.riffle.blocks.Component> triggers = Collections.newSetFromMap(new IdentityHashMap<>());

    private BlocksRenderer(Blocks app, String key) {
        this.app = app;
        this.key = key;
        for (StreamEvent event : app.streams()) {
            if (event.generator() != null) {
                triggers.add(event.trigger());
            }
        }
    }

    /**
     * The app's components, laid out and wired. {@code key} names its server-side streams
     * ({@code <key>.<n>}): every view rendering the same app under the same key shares their queues.
     *
     * @throws IllegalArgumentException if the key is not 1-100 letters, digits, '_', '.' or '-'
     */
    public static Component render(Blocks app, String key) {
        if (key == null || !key.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("A key is 1-100 letters, digits, '_', '.' or '-', got '" + key + "'");
        }
        return new BlocksRenderer(app, key).render();
    }

    private Component render() {
        VerticalLayout root = new VerticalLayout();
        root.addClassName("riffle-blocks");
        if (app.css() != null && !app.css().isBlank()) {
            // the app's own CSS (Gradio's Blocks(css=...)), for its elem_classes
            root.add(new Html("<style>" + app.css().replace("</", "<\\/") + "</style>"));
        }
        for (dev.riffle.blocks.Component child : app.children()) {
            root.add(component(child));
        }
        List<StreamEvent> events = app.streams();
        for (int n = 0; n < events.size(); n++) {
            String problem = wire(events.get(n), key + "." + n);
            if (problem != null) {
                Paragraph note = new Paragraph(problem);
                note.addClassName("riffle-blocks-unsupported");
                root.add(note);
            }
        }
        return root;
    }

    /** The Vaadin component of a Blocks component (rendered once; a stream refers to it by identity). */
    private Component component(dev.riffle.blocks.Component c) {
        Component made = switch (c) {
            case Row row -> container(new HorizontalLayout(), row);
            case Column column -> container(new VerticalLayout(), column);
            // gr.Group: its children in one box (riffle.css draws it as on a Riffle page)
            case Group group -> {
                Div box = container(new Div(), group);
                box.addClassName("riffle-group");
                yield box;
            }
            case Dropdown d -> {
                Select<String> select = new Select<>();
                select.setItems(d.choices());
                select.setValue(d.value());
                select.setLabel(d.label());
                yield select;
            }
            case Slider s -> {
                DecimalSlider slider = new DecimalSlider(s.label(), s.minimum(), s.maximum());
                slider.setStep(s.step());
                slider.setValue(s.value());
                slider.setValueAlwaysVisible(true);
                yield slider;
            }
            case dev.riffle.blocks.NumberField n -> {
                NumberField number = new NumberField(n.label());
                number.setValue(n.value());
                yield number;
            }
            case Textbox t -> {
                if (t.lines() > 1) {
                    TextArea area = new TextArea(t.label());
                    area.setValue(t.value() == null ? "" : t.value());
                    area.setMinRows(t.lines());
                    yield area;
                }
                TextField field = new TextField(t.label());
                field.setValue(t.value() == null ? "" : t.value());
                yield field;
            }
            // one root element, the HTML Markdown made (its source's own HTML escaped)
            case Markdown m -> new Html("<div class=\"riffle-markdown\">" + m.html() + "</div>");
            case dev.riffle.blocks.Button b when triggers.contains(b) -> new StreamButton(b.value());
            case dev.riffle.blocks.Button b -> new Button(b.value());
            case State s -> {
                // gr.State lives on the server: the session keeps it; a hidden field holds its place among inputs
                TextField hidden = new TextField();
                hidden.setVisible(false);
                yield hidden;
            }
            case Image i when i.isWebcam() -> {
                WebcamImage webcam = new WebcamImage(i.label());
                webcam.setAudio(i.hasSource("microphone"));
                yield webcam;
            }
            case Image i -> new StreamingImage(i.label());
            case Audio a when a.isMicrophone() -> new MicrophoneAudio(a.label());
            case Audio a -> new StreamingAudio(a.label());
            default -> new Paragraph("(" + c.getClass().getSimpleName() + " has no Vaadin counterpart yet)");
        };
        if (c.elemId() != null) {
            made.setId(c.elemId());
        }
        c.elemClasses().forEach(cls -> made.getElement().getClassList().add(cls));
        rendered.put(c, made);
        return made;
    }

    private <T extends Component & com.vaadin.flow.component.HasComponents> T container(T layout,
            dev.riffle.blocks.Component c) {
        for (dev.riffle.blocks.Component child : c.children()) {
            layout.add(component(child));
        }
        return layout;
    }

    /** Wires one stream event; returns why it cannot be, or {@code null}. */
    private String wire(StreamEvent event, String streamKey) {
        Component trigger = rendered.get(event.trigger());
        if (!(trigger instanceof MediaSource source)) {
            return "'" + event.handlerId() + "' is started by a component that is not a webcam, a microphone or"
                    + " a generator's button.";
        }
        String liteId = event.handler() != null ? event.handler().id() : null;
        StreamWiring wiring = source.wire(StreamWiring.ofStream(source, event.handlerId(), liteId,
                () -> Stream.of(app, event))).media(event.modality(), event.mode());
        List<HasValue<?, ?>> inputs = new ArrayList<>();
        for (dev.riffle.blocks.Component c : event.inputs()) {
            if (c != event.trigger() && rendered.get(c) instanceof HasValue<?, ?> field) {
                inputs.add(field);
            }
        }
        List<Component> outputs = new ArrayList<>();
        for (dev.riffle.blocks.Component c : event.outputs()) {
            Component out = rendered.get(c);
            if (out != null) {
                outputs.add(out);
            }
        }
        wiring.inputs(inputs.toArray(HasValue<?, ?>[]::new))
                .outputs(outputs.toArray(Component[]::new))
                .placement(event.placement())
                .options(event.options())
                .key(streamKey);
        return null;
    }
}
