package dev.riffle.media;

/**
 * Functions that give the same bits on the JVM and in the browser. {@code Math.exp} does not: the JVM computes it
 * with its own intrinsic, TeaVM's WebAssembly calls the browser's {@code Math.exp}, and the two differ in the last
 * bit for some arguments - enough to turn a weight table's float and then a pixel by one level. The functions here
 * use only IEEE 754 double addition, subtraction, multiplication, division and {@link Math#rint}, which every
 * platform computes exactly alike, so a handler that uses them is byte-identical in Lite and on the server.
 *
 * <p>They are accurate to a few ulps (not always correctly rounded) and slower than {@code Math}'s: use them for
 * tables computed once, not per pixel.
 */
public final class PortableMath {
    private static final double LN2_HI = 0.6931471803691238; // ln 2 with its last 32 bits cleared
    private static final double LN2_LO = 1.9082149292705877e-10; // ln 2 - LN2_HI
    private static final double INV_LN2 = 1.4426950408889634;

    private PortableMath() {
    }

    /**
     * e<sup>x</sup>, the same bits on every platform.
     *
     * @return NaN for NaN, 0 below -745.2, +infinity above 709.8
     */
    public static double exp(double x) {
        if (x != x) {
            return x;
        }
        if (x > 709.8) {
            return Double.POSITIVE_INFINITY;
        }
        if (x < -745.2) {
            return 0;
        }
        // x = k ln2 + r with |r| <= ln2 / 2; e^x = 2^k e^r
        double k = Math.rint(x * INV_LN2);
        double r = (x - k * LN2_HI) - k * LN2_LO;
        // e^r by its series, summed from the smallest term (|r| <= 0.35: the 18th term is below 1e-24)
        double sum = 0;
        for (int n = 18; n >= 1; n--) {
            sum = (sum + 1) * r / n;
        }
        double result = sum + 1;
        // times 2^k, exactly (in steps that stay normal as long as the result does)
        int steps = (int) k;
        double factor = steps >= 0 ? 2.0 : 0.5;
        for (int i = Math.abs(steps); i > 0; i--) {
            result *= factor;
        }
        return result;
    }
}
