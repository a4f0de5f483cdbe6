package dev.riffle.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decimal text to double without Double.parseDouble: the same bits in its exact range, close beyond it. */
class DecimalTest {
    @Test
    void whatSlidersAndNumberFieldsSend_parsesToParseDoublesBits() {
        for (String s : List.of("0", "-0", "100", "0.5", "0.1", "0.05", "-3", "+7", " 42 ", "1e3", "2.5E-3", "1e-7",
                "0.3333333333333333", "123456789012345", "9007199254740991", "12345678901234e-3", "007.250",
                "Infinity", "-Infinity", "NaN", "3.", ".5")) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(Decimal.parse(s)),
                    s);
        }
        Random random = new Random(16);
        for (int i = 0; i < 200_000; i++) {
            // up to 15 significant digits and exponents within +-22: the exact range
            long digits = random.nextLong(1_000_000_000_000_000L);
            int scale = random.nextInt(45) - 22;
            String s = digits + "e" + scale;
            assertEquals(Double.parseDouble(s), Decimal.parse(s), s);
            String plain = java.math.BigDecimal.valueOf(digits, Math.max(0, -scale)).toPlainString();
            assertEquals(Double.parseDouble(plain), Decimal.parse(plain), plain);
        }
    }

    @Test
    void beyondTheExactRange_itStaysWithinARelative1e14() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
            if (d < Double.MIN_NORMAL) {
                continue;
            }
            String s = Double.toString(d);
            double parsed = Decimal.parse(s);
            assertTrue(Math.abs(parsed - d) <= 1e-14 * d, s + " -> " + parsed);
        }
    }

    @Test
    void textThatIsNoNumber_isRefused() {
        for (String s : List.of("", " ", "abc", "1e", "1.2.3", "--1", "0x10", "1,5", "e5", ".", "-NaN", "1e+")) {
            assertThrows(NumberFormatException.class, () -> Decimal.parse(s), s);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Inputs.of("ten").number(0, 1));
        assertEquals("Input 0 must be a number, got 'ten'", e.getMessage());
    }
}
