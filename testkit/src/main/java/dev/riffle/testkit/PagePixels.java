package dev.riffle.testkit;

import com.microsoft.playwright.Page;
import dev.riffle.media.VideoFrame;
import java.util.Base64;
import java.util.Map;

/** Reads pixels out of a page: a canvas's content, or the frames a Riffle Lite page recorded. */
public final class PagePixels {
    private PagePixels() {
    }

    /** The RGBA content of the canvas matched by {@code selector}. */
    public static VideoFrame canvas(Page page, String selector) {
        return canvas(new PlaywrightTab(page), selector);
    }

    /** The RGBA content of the canvas matched by {@code selector}, in any browser. */
    public static VideoFrame canvas(BrowserTab tab, String selector) {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) tab.call("(sel) => { const c = (" + BrowserTab.QUERY
                + ")(sel);" + """
                  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  let s = '';
                  for (let i = 0; i < d.length; i += 0x8000) s += String.fromCharCode.apply(null, d.subarray(i, i + 0x8000));
                  return { width: c.width, height: c.height, data: btoa(s) };
                }""", selector);
        return frame(result, "data");
    }

    /** Decodes a {@code {width, height, <key>: base64 RGBA}} object returned by a page. */
    public static VideoFrame frame(Map<String, Object> result, String key) {
        int width = ((Number) result.get("width")).intValue();
        int height = ((Number) result.get("height")).intValue();
        return VideoFrame.wrap(width, height, Base64.getDecoder().decode((String) result.get(key)));
    }

    /** How many RGB values (alpha ignored) differ between two frames of one size. */
    public static int differingValues(VideoFrame a, VideoFrame b) {
        if (!a.sameSize(b)) {
            throw new IllegalArgumentException("Frames differ in size: " + a + " vs " + b);
        }
        int count = 0;
        for (int i = 0; i < a.pixelCount(); i++) {
            int x = a.pixel(i);
            int y = b.pixel(i);
            for (int s = 0; s < 24; s += 8) {
                count += (x >> s & 0xFF) != (y >> s & 0xFF) ? 1 : 0;
            }
        }
        return count;
    }

    /** The largest difference of any RGB value between two frames of one size. */
    public static int maxDifference(VideoFrame a, VideoFrame b) {
        int max = 0;
        for (int i = 0; i < a.pixelCount(); i++) {
            int x = a.pixel(i);
            int y = b.pixel(i);
            for (int s = 0; s < 24; s += 8) {
                max = Math.max(max, Math.abs((x >> s & 0xFF) - (y >> s & 0xFF)));
            }
        }
        return max;
    }
}
