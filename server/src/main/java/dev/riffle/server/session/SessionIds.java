package dev.riffle.server.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable session ids and tokens: 128 random bits from {@link SecureRandom}, URL-safe base64 (22 chars). */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {
    }

    /** A new random id. */
    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether {@code id} has the shape of an id this class makes (checked before any lookup). */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != 22) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Random bits a client's own id must carry to stand for its session without the token. */
    public static final int SECRET_BITS = 64;

    /**
     * Whether a client's own id ({@code webrtc_id}) is long enough to be a secret: FastRTC's clients name their
     * session by a random id and present nothing else, so such an id stands for the session's token when it carries
     * at least {@value #SECRET_BITS} bits. The bits are estimated from the length and the smallest alphabet the id's
     * characters fit: hexadecimal (4 bits a character), lower-case letters and digits (5.17), letters and digits
     * (5.95), URL-safe base64 (6). An id made of fewer random bits than its alphabet allows (a counter, a name) is
     * the client's own mistake: Riffle's and FastRTC's clients draw theirs from a secure random source.
     */
    public static boolean isSecret(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return false;
        }
        boolean hex = true;
        boolean lowerAlnum = true;
        boolean alnum = true;
        for (int i = 0; i < clientId.length(); i++) {
            char c = clientId.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean lower = c >= 'a' && c <= 'z';
            boolean upper = c >= 'A' && c <= 'Z';
            hex &= digit || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            lowerAlnum &= digit || lower;
            alnum &= digit || lower || upper;
            if (!(digit || lower || upper || c == '-' || c == '_')) {
                return false;
            }
        }
        double bitsPerChar = hex ? 4 : lowerAlnum ? Math.log(36) / Math.log(2) : alnum ? Math.log(62) / Math.log(2) : 6;
        return clientId.length() * bitsPerChar >= SECRET_BITS;
    }
}
