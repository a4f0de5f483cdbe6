package dev.riffle.server.engine;

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

    @Test
    void aClientId_isASecret_fromSixtyFourEstimatedBits() {
        assertTrue(SessionIds.isSecret("0123456789abcdef"), "16 hex digits: 64 bits");
        assertFalse(SessionIds.isSecret("0123456789abcde"), "15: 60 bits");
        assertTrue(SessionIds.isSecret("123e4567-e89b-12d3-a456-426614174000"), "a UUID: its hex digits count");
        assertFalse(SessionIds.isSecret("1733390000000123"), "16 decimal digits (a timestamp): 53 bits");
        assertTrue(SessionIds.isSecret("17333900000001234567"), "20 decimal digits: 66 bits");
        assertFalse(SessionIds.isSecret("x7k2q9"), "FastRTC's documented id: about 31 bits");
        assertFalse(SessionIds.isSecret("abcdefghij-"), "a separator adds no bits");
        assertTrue(SessionIds.isSecret(SessionIds.next()), "Riffle's own ids");
        assertFalse(SessionIds.isSecret("a b c d e f g h i j k l m n"), "only letters, digits, - and _");
    }
}
