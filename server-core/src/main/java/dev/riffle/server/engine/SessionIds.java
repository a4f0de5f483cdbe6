package dev.riffle.server.engine;

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
        return id != null && id.length() == 22 && isClientId(id);
    }

    /** Whether {@code id} may be a client's own id ({@code webrtc_id}): 1..128 letters, digits, '-' or '_'. */
    public static boolean isClientId(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
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
     * characters fit: decimal digits (3.32 bits a character), hexadecimal (4), lower-case letters and digits (5.17),
     * letters and digits (5.95); {@code -} and {@code _} count as separators, no bits. An id with fewer random bits
     * than its alphabet allows (a counter, a name) is the client's own mistake: Riffle's client draws its ids from a
     * secure random source (FastRTC's documented client does not, and its short ids fall under the address rule).
     */
    public static boolean isSecret(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return false;
        }
        boolean decimal = true;
        boolean hex = true;
        boolean lowerAlnum = true;
        boolean alnum = true;
        int counted = 0; // '-' and '_' add no bits (separators, as in a UUID)
        for (int i = 0; i < clientId.length(); i++) {
            char c = clientId.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean lower = c >= 'a' && c <= 'z';
            boolean upper = c >= 'A' && c <= 'Z';
            if (c == '-' || c == '_') {
                continue;
            }
            if (!(digit || lower || upper)) {
                return false;
            }
            counted++;
            decimal &= digit;
            hex &= digit || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            lowerAlnum &= digit || lower;
            alnum &= digit || lower || upper;
        }
        double bitsPerChar = decimal ? Math.log(10) / Math.log(2) : hex ? 4
                : lowerAlnum ? Math.log(36) / Math.log(2) : Math.log(62) / Math.log(2);
        return counted * bitsPerChar >= SECRET_BITS;
    }
}
