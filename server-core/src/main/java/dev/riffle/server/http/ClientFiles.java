package dev.riffle.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The browser client's files ({@code META-INF/resources/frontend/riffle/...} in riffle-lite-runtime's jar), served
 * from the class path by any servlet container: mapped at {@code <context>/frontend/riffle/*}.
 */
public final class ClientFiles extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String ROOT = "META-INF/resources" + Pages.CLIENT_BASE;
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8", "wasm", "application/wasm", "json", "application/json;charset=utf-8",
            "html", "text/html;charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String file = req.getPathInfo();
        if (file == null || file.contains("..") || file.contains("//") || file.endsWith("/")) {
            resp.sendError(404);
            return;
        }
        String extension = file.substring(file.lastIndexOf('.') + 1);
        try (InputStream in = ClientFiles.class.getClassLoader().getResourceAsStream(ROOT + file.substring(1))) {
            if (in == null || !TYPES.containsKey(extension)) {
                resp.sendError(404);
                return;
            }
            byte[] bytes = in.readAllBytes();
            resp.setContentType(TYPES.get(extension));
            resp.setHeader("Cache-Control", "no-cache");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }
    }
}
