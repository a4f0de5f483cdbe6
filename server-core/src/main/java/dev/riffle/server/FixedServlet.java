package dev.riffle.server;

import dev.riffle.server.http.StreamRoutes;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Fixed bytes at one path: a page, an app's Wasm bundle. Never cached without asking (they change with a build). */
final class FixedServlet extends HttpServlet {
    private final String contentType;
    private final byte[] bytes;
    /** mapped at {@code path/*}: {@code path} redirects to {@code path/} (so relative links resolve), else 404 */
    private final boolean folderPage;

    private FixedServlet(String contentType, byte[] bytes, boolean folderPage) {
        this.contentType = contentType;
        this.bytes = bytes;
        this.folderPage = folderPage;
    }

    /** An HTML page mapped exactly at its path. */
    static FixedServlet page(String html) {
        return new FixedServlet("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), false);
    }

    /** An HTML page at {@code path/}, mapped at {@code path/*}. */
    static FixedServlet folderPage(String html) {
        return new FixedServlet("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), true);
    }

    /** A WebAssembly module mapped exactly at its path. */
    static FixedServlet wasm(byte[] module) {
        return new FixedServlet("application/wasm", module, false);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (folderPage) {
            String info = req.getPathInfo();
            if (info == null) {
                resp.sendRedirect(req.getRequestURI() + "/");
                return;
            }
            if (!info.equals("/")) {
                StreamRoutes.writeError(resp, new ApiError(ErrorCode.NOT_FOUND, "No page " + req.getRequestURI()));
                return;
            }
        }
        resp.setContentType(contentType);
        resp.setHeader("Cache-Control", "no-cache");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
