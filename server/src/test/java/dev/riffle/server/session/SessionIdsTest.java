package dev.riffle.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionIdsTest {
    @Test
    void ids_carry128RandomBits_andAreDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = SessionIds.next();
            assertEquals(22, id.length(), "16 bytes in unpadded base64");
            assertTrue(SessionIds.isWellFormed(id));
            assertTrue(seen.add(id));
        }
    }

    @Test
    void malformedIds_areRecognisedBeforeAnyLookup() {
        assertFalse(SessionIds.isWellFormed(null));
        assertFalse(SessionIds.isWellFormed("short"));
        assertFalse(SessionIds.isWellFormed("../../../etc/passwd!!!"));
        assertFalse(SessionIds.isWellFormed("aaaaaaaaaaaaaaaaaaaaa="));
    }
}
