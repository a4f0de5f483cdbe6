package dev.riffle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The browser's protocol.js and the Java vocabulary say the same: same names, same values, nothing missing. */
class ProtocolMirrorTest {
    private static final String JS = "/META-INF/resources/frontend/riffle/protocol.js";

    @Test
    void messageTypes_areTheSameInJavaAndJs() throws IOException {
        assertEquals(constants(Protocol.Type.class), jsObject("MessageType"));
    }

    @Test
    void queueStates_areTheSameInJavaAndJs() throws IOException {
        assertEquals(constants(Protocol.QueueState.class), jsObject("QueueState"));
    }

    @Test
    void closeCodes_areTheSameInJavaAndJs() throws IOException {
        assertEquals(constants(Protocol.Close.class), jsObject("CloseCode"));
    }

    @Test
    void errorCodes_areTheSameInJavaAndJs() throws IOException {
        Map<String, String> java = new LinkedHashMap<>();
        Arrays.stream(ErrorCode.values()).forEach(c -> java.put(c.name(), c.wire()));
        assertEquals(java, jsObject("ErrorCode"));
    }

    @Test
    void errorCodes_wireSpellingIsLowerSnakeCase() {
        for (ErrorCode c : ErrorCode.values()) {
            assertEquals(c.name().toLowerCase(java.util.Locale.ROOT), c.wire());
            assertEquals(c.wire(), c.toString());
        }
    }

    /** A Java holder's public static final fields, name to value as text, in declaration order. */
    private static Map<String, String> constants(Class<?> holder) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Field f : holder.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && Modifier.isFinal(mod)) {
                try {
                    m.put(f.getName(), String.valueOf(f.get(null)));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return m;
    }

    /** The entries of {@code export const name = Object.freeze({ KEY: 'value' | 1000, ... })} in protocol.js. */
    private static Map<String, String> jsObject(String name) throws IOException {
        String js;
        try (InputStream in = ProtocolMirrorTest.class.getResourceAsStream(JS)) {
            assertNotNull(in, JS + " is on the classpath");
            js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher object = Pattern.compile("export const " + name + " = Object\\.freeze\\(\\{(.*?)\\}\\);",
                Pattern.DOTALL).matcher(js);
        assertEquals(true, object.find(), "protocol.js exports " + name);
        Map<String, String> m = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("^\\s*([A-Z_]+): (?:'([^']*)'|(\\d+)),", Pattern.MULTILINE)
                .matcher(object.group(1));
        while (entry.find()) {
            m.put(entry.group(1), entry.group(2) != null ? entry.group(2) : entry.group(3));
        }
        return m;
    }
}
