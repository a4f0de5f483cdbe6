package dev.riffle.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void headingParagraphAndLink_becomeHtml() {
        assertEquals("<h2>Filters</h2><p>Flip your webcam. <a href=\"../../\">Back</a></p>",
                Markdown.of("## Filters\nFlip your webcam.\n[Back](../../)").html());
    }

    @Test
    void listItemsBoldAndCode_becomeHtml() {
        assertEquals("<p>Say:</p><ul><li><strong>hello</strong></li><li><code>open</code></li></ul><p>Then</p>",
                Markdown.of("Say:\n- **hello**\n- `open`\n\nThen").html());
    }

    @Test
    void htmlInTheSource_isEscaped_andScriptLinksAreText() {
        assertEquals("<p>&lt;b&gt;x&lt;/b&gt; click</p>", Markdown.of("<b>x</b> [click](javascript:void)").html());
    }

    @Test
    void describe_carriesTheHtml() {
        Blocks app = new Blocks("T").add(Markdown.of("# T"));
        assertEquals("<h1>T</h1>", app.describe().toString().replaceAll(".*html=([^,}]*).*", "$1"));
    }

    @Test
    void addFirst_putsTheHeaderBeforeTheApp() {
        Markdown header = Markdown.of("# T");
        Row row = Row.of();
        Blocks app = new Blocks("T").add(row);
        app.addFirst(header);
        assertEquals(java.util.List.of(header, row), app.children());
    }

    @Test
    void nullSource_throws() {
        assertThrows(IllegalArgumentException.class, () -> Markdown.of(null));
    }
}
