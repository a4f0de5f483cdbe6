package dev.riffle.server.http;

/** Mount paths as servers and mounts take them: {@code /name}, no trailing slash, no wildcard. */
public final class MountPath {
    private MountPath() {
    }

    /**
     * {@code path} without its trailing slash.
     *
     * @throws IllegalArgumentException if it does not start with '/', or has '*' or "//"
     */
    public static String normalize(String path) {
        if (path == null || !path.startsWith("/") || path.contains("*") || path.contains("//")) {
            throw new IllegalArgumentException("A mount path starts with '/' and has no '*', got '" + path + "'");
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
