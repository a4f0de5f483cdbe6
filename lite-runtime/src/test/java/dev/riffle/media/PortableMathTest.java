package dev.riffle.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PortableMathTest {
    @Test
    void exp_isWithinTwoUlpsOfFdlibm_overItsRange() {
        for (double x = -745; x <= 709; x += 0.0137) {
            double expected = StrictMath.exp(x);
            double got = PortableMath.exp(x);
            double ulps = Math.abs(got - expected) / Math.ulp(expected);
            assertTrue(ulps <= 2, "exp(" + x + ") = " + got + ", fdlibm " + expected + " (" + ulps + " ulps)");
        }
    }

    @Test
    void exp_ofTheWeightsTheBilateralFilterUses_roundsToTheSameFloatAsFdlibm() {
        int same = 0;
        int total = 0;
        for (int i = 0; i < 256 * 3; i++) {
            double x = i * i * (-0.5 / (9.0 * 9.0));
            same += (float) PortableMath.exp(x) == (float) StrictMath.exp(x) ? 1 : 0;
            total++;
        }
        assertTrue(same >= total - 2, same + " of " + total);
    }

    @Test
    void exp_specialValues() {
        assertEquals(1.0, PortableMath.exp(0));
        assertEquals(Math.E, PortableMath.exp(1), Math.ulp(Math.E) * 2);
        assertEquals(0.0, PortableMath.exp(-1000));
        assertEquals(Double.POSITIVE_INFINITY, PortableMath.exp(1000));
        assertTrue(Double.isNaN(PortableMath.exp(Double.NaN)));
        assertEquals(0.0, PortableMath.exp(Double.NEGATIVE_INFINITY));
    }
}
