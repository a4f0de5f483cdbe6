package dev.riffle.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BilateralTest {
    private static int pack(int c0, int c1, int c2) {
        return c0 | c1 << 10 | c2 << 20;
    }

    /** The packed colour distance against plain |u-a| sums: every value pair in every lane, the others varied. */
    @Test
    void packedDistanceIsTheL1DistanceForEveryPair() {
        int[] others = {0, 1, 128, 254, 255};
        for (int u = 0; u < 256; u++) {
            for (int a = 0; a < 256; a++) {
                for (int o : others) {
                    int expected = Math.abs(u - a) + Math.abs(o - (255 - o)) + Math.abs(255 - o - o);
                    int[][] lanes = {
                        {pack(u, o, 255 - o), pack(a, 255 - o, o)},
                        {pack(o, u, 255 - o), pack(255 - o, a, o)},
                        {pack(255 - o, o, u), pack(o, 255 - o, a)},
                    };
                    for (int[] pair : lanes) {
                        assertEquals(expected, Bilateral.distance(pair[0] + (0x20080200 - pair[1])),
                                "u=" + u + " a=" + a + " other=" + o);
                    }
                }
            }
        }
    }
}
