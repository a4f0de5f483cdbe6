package ${package};

import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;
import java.nio.ByteBuffer;

/**
 * Your handler: called with every camera frame, in the browser (compiled to WebAssembly) or on the JVM (tests, a
 * Riffle server). It writes {@code out} from {@code in}; input 0 is the strength slider, 0 to 100.
 */
public final class Sepia implements VideoHandler {
    @Override
    public void handle(VideoFrame in, VideoFrame out, Inputs inputs) {
        int strength = (int) Math.round(Math.max(0, Math.min(100, inputs.number(0, 100))));
        ByteBuffer src = in.buffer();
        ByteBuffer dst = out.buffer();
        for (int i = 0, end = in.pixelCount() * 4; i < end; i += 4) {
            int r = src.get(i) & 0xff;
            int g = src.get(i + 1) & 0xff;
            int b = src.get(i + 2) & 0xff;
            dst.put(i, mix(r, (r * 393 + g * 769 + b * 189) / 1000, strength));
            dst.put(i + 1, mix(g, (r * 349 + g * 686 + b * 168) / 1000, strength));
            dst.put(i + 2, mix(b, (r * 272 + g * 534 + b * 131) / 1000, strength));
            dst.put(i + 3, (byte) 255);
        }
    }

    /** {@code strength}% of the sepia tone over the original, clamped to a byte. */
    private static byte mix(int original, int toned, int strength) {
        int value = (original * (100 - strength) + Math.min(255, toned) * strength) / 100;
        return (byte) value;
    }
}
