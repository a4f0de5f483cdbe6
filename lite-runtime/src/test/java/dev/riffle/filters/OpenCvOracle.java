package dev.riffle.filters;

import dev.riffle.media.VideoFrame;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/** The seed's OpenCV calls, run by OpenCV itself ({@code org.openpnp:opencv}), on RGB mats made from frames. */
final class OpenCvOracle {
    static {
        nu.pattern.OpenCV.loadLocally();
    }

    private OpenCvOracle() {
    }

    static Mat rgb(VideoFrame frame) {
        Mat mat = new Mat(frame.height(), frame.width(), CvType.CV_8UC3);
        mat.put(0, 0, FiltersMatchOpenCvTest.rgb(frame));
        return mat;
    }

    /** {@code np.flipud(frame)}. */
    static Mat flip(Mat frame) {
        Mat out = new Mat();
        Core.flip(frame, out, 0);
        return out;
    }

    /** {@code cv2.Canny(frame, 100, 200)} (single channel). */
    static Mat edges(Mat frame) {
        Mat out = new Mat();
        Imgproc.Canny(frame, out, 100, 200);
        return out;
    }

    /** The colour half of the seed's cartoon, cropped to the frame (Riffle's documented rule for odd sizes). */
    static Mat cartoonColor(Mat frame) {
        Mat color = new Mat();
        Imgproc.pyrDown(frame, color);
        Imgproc.pyrDown(color, color);
        for (int i = 0; i < 6; i++) {
            Mat next = new Mat();
            Imgproc.bilateralFilter(color, next, 9, 9, 7);
            color = next;
        }
        Imgproc.pyrUp(color, color);
        Imgproc.pyrUp(color, color);
        return color.submat(new Rect(0, 0, frame.cols(), frame.rows())).clone();
    }

    /** The edge mask half of the seed's cartoon (single channel, 0 or 255). */
    static Mat cartoonMask(Mat frame) {
        Mat gray = new Mat();
        Imgproc.cvtColor(frame, gray, Imgproc.COLOR_RGB2GRAY);
        Mat blurred = new Mat();
        Imgproc.medianBlur(gray, blurred, 7);
        Mat mask = new Mat();
        Imgproc.adaptiveThreshold(blurred, mask, 255, Imgproc.ADAPTIVE_THRESH_MEAN_C, Imgproc.THRESH_BINARY, 9, 2);
        return mask;
    }

    /** The whole seed's cartoon (with the crop). */
    static Mat cartoon(Mat frame) {
        Mat mask = new Mat();
        Imgproc.cvtColor(cartoonMask(frame), mask, Imgproc.COLOR_GRAY2RGB);
        Mat out = new Mat();
        Core.bitwise_and(cartoonColor(frame), mask, out);
        return out;
    }

    static byte[] bytes(Mat mat) {
        byte[] data = new byte[(int) mat.total() * mat.channels()];
        mat.get(0, 0, data);
        return data;
    }
}
