package dev.riffle.handler;

/**
 * Decimal text to {@code double} without {@link Double#parseDouble}, whose general algorithm TeaVM compiles into every
 * Wasm bundle that reads a number input (some 30 KB). Exact - the correctly rounded value, as {@code parseDouble} -
 * for up to 18 significant digits whose value is below 2^53, with a decimal exponent within +-22 (every value a
 * slider, number field or typed number gives); beyond that within a relative 1e-14 for normal numbers. The same code
 * on the JVM and in the browser, so both get the same bits. Internal.
 */
final class Decimal {
    private static final double[] POWERS = new double[23];
    private static final long EXACT = 1L << 53;

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;   // 10^0 .. 10^22 are exact doubles
            p *= 10;
        }
    }

    private Decimal() {
    }

    /**
     * Parses {@code [+-]digits[.digits][(e|E)[+-]digits]}, {@code NaN} or {@code [+-]Infinity}, surrounding
     * whitespace ignored.
     *
     * @throws NumberFormatException for anything else
     */
    static double parse(String text) {
        String s = text.trim();   // what parseDouble ignores; strip() would bring Unicode tables into the bundle
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        String rest = s.substring(i);
        if (rest.equals("Infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (rest.equals("NaN") && i == 0) {
            return Double.NaN;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        boolean seenDigit = false;
        boolean seenPoint = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                seenDigit = true;
                if (mantissa == 0 && c == '0') {
                    // leading zeros carry no digit
                } else if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                } else {
                    exponent++;   // a digit beyond 18 only scales (18 nines still fit a long)
                }
                if (seenPoint) {
                    exponent--;
                }
            } else if (c == '.' && !seenPoint) {
                seenPoint = true;
            } else {
                break;
            }
        }
        if (!seenDigit) {
            throw new NumberFormatException("Not a number: '" + text + "'");
        }
        if (i < s.length()) {
            char e = s.charAt(i);
            if (e != 'e' && e != 'E' || i + 1 == s.length()) {
                throw new NumberFormatException("Not a number: '" + text + "'");
            }
            exponent += exponent(s, i + 1, text);
        }
        double value = scale(mantissa, exponent);
        return negative ? -value : value;
    }

    private static int exponent(String s, int start, String text) {
        int i = start;
        boolean negative = false;
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (i == s.length()) {
            throw new NumberFormatException("Not a number: '" + text + "'");
        }
        int value = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("Not a number: '" + text + "'");
            }
            value = Math.min(100_000, value * 10 + (c - '0'));
        }
        return negative ? -value : value;
    }

    private static double scale(long mantissa, int exponent) {
        if (mantissa == 0) {
            return 0;
        }
        if (mantissa < EXACT && exponent >= -22 && exponent <= 22) {
            // both operands exact: one IEEE operation rounds the true value correctly
            return exponent >= 0 ? mantissa * POWERS[exponent] : mantissa / POWERS[-exponent];
        }
        double value = mantissa;
        int e = exponent;
        while (e > 22 && value != Double.POSITIVE_INFINITY) {
            value *= POWERS[22];
            e -= 22;
        }
        while (e < -22 && value != 0) {
            value /= POWERS[22];
            e += 22;
        }
        return e >= 0 ? value * POWERS[e] : value / POWERS[-e];
    }
}
