package dev.riffle.lite;

import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * The WebAssembly entry point of the Lite runtime: the only class the browser calls. It owns one input and one
 * output frame in linear memory; JavaScript writes camera pixels into the input view, calls {@link #process}, and
 * draws the output view - no per-frame copy into Java arrays.
 *
 * <p>Exports (on {@code TeaVM.wasmGC.load(...).exports}): {@code resize}, {@code inputPixels},
 * {@code outputPixels}, {@code setInput}, {@code clearInputs}, {@code process}, {@code handlerIds}. Internal: the
 * browser client is its only caller.
 */
public final class LiteMain {
    /**
     * The largest frame a Lite page handles, in pixels (4096x2160, DCI 4K): frames, handlers' scratch buffers and the
     * page's copies take some 60 bytes a pixel, so this keeps a tab's memory near half a gigabyte at worst.
     */
    public static final int MAX_PIXELS = 4096 * 2160;
    private static VideoFrame input;
    private static VideoFrame output;
    private static final List<Object> inputs = new ArrayList<>();

    private LiteMain() {
    }

    public static void main(String[] args) {
        // nothing to start: the page drives the exports
    }

    /** Makes the frames {@code width x height} (re-allocating only on a size change). Returns an error or null. */
    @JSExport
    public static String resize(int width, int height) {
        if (input != null && input.width() == width && input.height() == height) {
            return null;
        }
        if (width > 0 && height > 0 && (long) width * height > MAX_PIXELS) {
            return tooLarge(width, height);
        }
        // the old frames go before the new ones come: a smaller frame releases the memory of a larger one
        input = null;
        output = null;
        try {
            input = VideoFrame.allocateDirect(width, height);
            output = VideoFrame.allocateDirect(width, height);
            return null;
        } catch (IllegalArgumentException e) {
            input = null;
            output = null;
            return e.getMessage();
        }
    }

    static String tooLarge(int width, int height) {
        return "This frame is " + width + "x" + height + " (" + megapixels((long) width * height) + " megapixels);"
                + " a Lite page handles at most " + megapixels(MAX_PIXELS) + " megapixels (4096x2160) to keep the"
                + " tab's memory bounded: use a smaller camera resolution or frame, or run the handler on the server"
                + " (placement SERVER)";
    }

    private static String megapixels(long pixels) {
        long tenths = Math.round(pixels / 100_000.0);
        return tenths / 10 + "." + tenths % 10;
    }

    /** A view of the input frame's RGBA bytes in linear memory; re-fetch it after {@link #resize}. */
    @JSExport
    public static Uint8Array inputPixels() {
        return Uint8Array.fromJavaBuffer(input.buffer());
    }

    /** A view of the output frame's RGBA bytes in linear memory; re-fetch it after {@link #resize}. */
    @JSExport
    public static Uint8Array outputPixels() {
        return Uint8Array.fromJavaBuffer(output.buffer());
    }

    @JSExport
    public static void clearInputs() {
        inputs.clear();
    }

    /**
     * Sets the stream's additional input {@code index} (text; numbers too, as the page writes them: a boxed double
     * here would bring TeaVM's double-to-text code into every bundle, and {@code Inputs.number} reads text without
     * parseDouble's).
     */
    @JSExport
    public static void setInput(int index, String value) {
        while (inputs.size() <= index) {
            inputs.add(null);
        }
        inputs.set(index, value);
    }

    /** Runs handler {@code id} on the input frame into the output frame. Returns null, or an error message. */
    @JSExport
    public static String process(String id) {
        VideoHandler handler = LiteHandlers.get(id);
        if (handler == null) {
            return "Unknown Lite handler '" + id + "'; this bundle has: " + handlerIds();
        }
        if (input == null) {
            return "No frame: call resize(width, height) first";
        }
        try {
            handler.handle(input, output, Inputs.of(inputs.toArray()));
            return null;
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** The ids of the handlers compiled into this bundle, comma-separated. */
    @JSExport
    public static String handlerIds() {
        return String.join(",", LiteHandlers.ids());
    }
}
