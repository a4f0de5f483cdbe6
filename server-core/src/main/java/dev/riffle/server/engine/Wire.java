package dev.riffle.server.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.Protocol;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one JSON mapper of the server's wire messages, with limits that keep hostile input cheap. */
public final class Wire {
    public static final ObjectMapper JSON = JsonMapper.builder()
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength(64 * 1024)
                .maxNumberLength(100)
                .build());
    }

    private Wire() {
    }

    /** A duration as the wire's seconds, {@code null} staying {@code null} (no limit, unknown). */
    public static Double seconds(Duration d) {
        return d == null ? null : d.toMillis() / 1000.0;
    }

    /**
     * The control message that reports {@code error}: {@code {"type":"error","error":{...},"message":"..."}} - the
     * top-level {@code message} is where FastRTC's clients read an error's text.
     */
    public static String errorMessage(ApiError error) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> body = error.body();
        m.put("type", Protocol.Type.ERROR);
        m.put("error", body.get("error"));
        m.put("message", error.getMessage());
        // FastRTC's refusal form too: its WebSocket client reads status and meta before the close
        m.put("status", body.get("status"));
        m.put("meta", body.get("meta"));
        return write(m);
    }

    /**
     * A FastRTC warning, {@code {"type": "warning", "message": text, "data": text}}: FastRTC's server puts the text
     * under {@code message}, its documentation under {@code data}; its clients read either and show it.
     */
    public static String warning(String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", Protocol.Type.WARNING);
        m.put("message", text);
        m.put("data", text);
        return write(m);
    }

    /** A message of FastRTC's shape, {@code {"type": type, "data": data}} (log, warning, send_input, ...). */
    public static String typed(String type, Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("data", data);
        return write(m);
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of input values as Java values (text, number, boolean, null; anything else stays a node). */
    public static List<Object> values(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw ApiError.badRequest("\"values\" (or \"inputs\") must be a JSON array");
        }
        List<Object> values = new ArrayList<>();
        for (JsonNode v : array) {
            values.add(v.isNull() ? null : v.isTextual() ? v.asText() : v.isBoolean() ? v.asBoolean()
                    : v.isNumber() ? v.numberValue() : v);
        }
        return values;
    }
}
