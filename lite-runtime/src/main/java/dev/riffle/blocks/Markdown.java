package dev.riffle.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with a little formatting, Gradio's {@code gr.Markdown}: an app's title, what it does, a link. It is turned
 * into HTML once, here, so every renderer (the browser page, the Vaadin view) shows the same thing.
 *
 * <p>The subset it knows: {@code #}, {@code ##} and {@code ###} headings, paragraphs (separated by a blank line),
 * {@code - } list items, {@code **bold**}, {@code `code`} and {@code [text](url)} links (http, https or relative
 * URLs only). Everything else is text: HTML in the source is escaped.
 *
 * <pre>{@code
 * new Blocks("Filters").add(Markdown.of("# Filters\nFlip, edges or cartoon, on your webcam."), row);
 * }</pre>
 */
public final class Markdown extends Component {
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");
    private final String source;

    private Markdown(String source) {
        this.source = source;
    }

    /** Markdown showing {@code source}. */
    public static Markdown of(String source) {
        if (source == null) {
            throw new IllegalArgumentException("Markdown needs a text; use an empty string for none");
        }
        return new Markdown(source);
    }

    /** The Markdown text. */
    public String source() {
        return source;
    }

    /** The text as HTML (safe to insert: the source's own HTML is escaped). */
    public String html() {
        StringBuilder html = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        boolean inList = false;
        for (String raw : source.strip().split("\n", -1)) {
            String line = raw.strip();
            boolean item = line.startsWith("- ");
            if (line.isEmpty() || line.startsWith("#") || item) {
                flush(paragraph, html);
            }
            if (inList && !item) {
                html.append("</ul>");
                inList = false;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (item) {
                if (!inList) {
                    html.append("<ul>");
                    inList = true;
                }
                html.append("<li>").append(inline(line.substring(2))).append("</li>");
            } else if (line.matches("#{1,3} .*")) {
                int level = line.indexOf(' ');
                html.append("<h").append(level).append('>').append(inline(line.substring(level + 1)))
                        .append("</h").append(level).append('>');
            } else {
                paragraph.add(line);
            }
        }
        flush(paragraph, html);
        if (inList) {
            html.append("</ul>");
        }
        return html.toString();
    }

    private static void flush(List<String> paragraph, StringBuilder html) {
        if (!paragraph.isEmpty()) {
            html.append("<p>").append(inline(String.join(" ", paragraph))).append("</p>");
            paragraph.clear();
        }
    }

    private static String inline(String text) {
        String s = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        s = s.replaceAll("`([^`]+)`", "<code>$1</code>").replaceAll("\\*\\*([^*]+)\\*\\*", "<strong>$1</strong>");
        Matcher m = LINK.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String url = m.group(2);
            boolean safe = url.startsWith("http://") || url.startsWith("https://") || !url.contains(":");
            m.appendReplacement(out, Matcher.quoteReplacement(safe
                    ? "<a href=\"" + url + "\">" + m.group(1) + "</a>" : m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    String type() {
        return "markdown";
    }

    @Override
    void describe(Map<String, Object> out) {
        out.put("html", html());
    }
}
