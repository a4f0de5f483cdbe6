package com.example.shop;

import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;

/** A filter that runs on the server only (it has no Lite build): every colour inverted, alpha kept. */
public final class Negative implements VideoHandler {
    @Override
    public void handle(VideoFrame in, VideoFrame out, Inputs inputs) {
        for (int i = 0, n = in.pixelCount(); i < n; i++) {
            out.setPixel(i, in.pixel(i) ^ 0x00ffffff);
        }
    }
}
