package dev.riffle.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InputsTest {
    @Test
    void missingValues_fallBack() {
        Inputs inputs = Inputs.of("edges");
        assertEquals("edges", inputs.text(0, "flip"));
        assertEquals("flip", inputs.text(1, "flip"));
        assertEquals(0.5, inputs.number(3, 0.5));
        assertNull(inputs.get(-1));
    }

    @Test
    void number_parsesText_andRejectsGarbage() {
        assertEquals(0.25, Inputs.of("0.25").number(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Inputs.of("abc").number(0, 0));
        assertEquals("Input 0 must be a number, got 'abc'", e.getMessage());
    }

    @Test
    void liteHandlerId_mustBeAName() {
        assertThrows(IllegalArgumentException.class, () -> new LiteHandler("Bad Id", () -> null));
        assertThrows(IllegalArgumentException.class, () -> new LiteHandler("", () -> null));
        assertEquals("my-filter2", new LiteHandler("my-filter2", () -> null).id());
    }
}
