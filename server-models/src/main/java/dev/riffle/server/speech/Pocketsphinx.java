package dev.riffle.server.speech;

import dev.riffle.audio.SpeechToText;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.Resampler;
import dev.riffle.media.Wav;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Speech to text with CMU Pocketsphinx (Debian's {@code pocketsphinx} and {@code pocketsphinx-en-us} packages,
 * offline): each call decodes one utterance with {@code pocketsphinx_continuous}, restricted to a grammar of
 * phrases - any sequence of them is recognised.
 *
 * <p>What it can and cannot do: with a handful of phrases it recognises clear speech (espeak-ng's three voices at two speeds, 48
 * utterances, each with 0.25 s of silence around it, all exactly: 96 of 96 in {@code ./dev bench-models}) in ~170 ms per utterance; it always answers with phrases of its grammar (or
 * nothing), never with other words, and gives no confidence. With its open-vocabulary model it recognised espeak-ng
 * speech poorly (under 15% of the words), which is why a grammar is required here.
 */
public final class Pocketsphinx implements SpeechToText {
    /** Debian's US English pronouncing dictionary, used to check the grammar's words. */
    static final Path DICTIONARY = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
    private static final String COMMAND = "pocketsphinx_continuous";
    private static final int RATE = 16_000;

    private final List<String> phrases;
    private final Path grammar;

    private Pocketsphinx(List<String> phrases, Path grammar) {
        this.phrases = phrases;
        this.grammar = grammar;
    }

    /**
     * A recogniser of these phrases (in any sequence).
     *
     * @throws IllegalArgumentException if a phrase is empty or has a word the dictionary does not know (the
     *     message names it)
     * @throws IllegalStateException if Pocketsphinx or its en-us model is not installed
     */
    public static Pocketsphinx withPhrases(String... phrases) {
        requireInstalled();
        Set<String> known = dictionaryWords();
        List<String> normalized = new ArrayList<>();
        for (String phrase : phrases) {
            String p = phrase == null ? "" : phrase.toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
            if (p.isEmpty() || !p.matches("[a-z' ]+")) {
                throw new IllegalArgumentException("A phrase must be words of letters, got '" + phrase + "'");
            }
            for (String word : p.split(" ")) {
                if (!known.contains(word)) {
                    throw new IllegalArgumentException("'" + word + "' (in '" + phrase + "') is not in Pocketsphinx's"
                            + " dictionary " + DICTIONARY + "; use words it knows");
                }
            }
            normalized.add(p);
        }
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("A grammar needs at least one phrase");
        }
        List<String> unique = List.copyOf(new LinkedHashSet<>(normalized));
        String jsgf = "#JSGF V1.0;\ngrammar riffle;\npublic <utterance> = <phrase>+;\n<phrase> = "
                + String.join(" | ", unique) + ";\n";
        try {
            Path file = Files.createTempFile("riffle-grammar", ".gram");
            file.toFile().deleteOnExit();
            Files.writeString(file, jsgf, StandardCharsets.US_ASCII);
            return new Pocketsphinx(unique, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the grammar file", e);
        }
    }

    /** The phrases it recognises, lower case. */
    public List<String> phrases() {
        return phrases;
    }

    /**
     * The phrases heard in {@code speech}, or "" when none. The audio is mixed to mono and resampled to 16 kHz, the
     * rate of the en-us model.
     *
     * @throws IllegalStateException if Pocketsphinx fails or is missing
     */
    @Override
    public String transcribe(AudioChunk speech) {
        AudioChunk mono = speech.toMono();
        short[] samples = mono.sampleRate() == RATE ? mono.samples()
                : new Resampler(mono.sampleRate(), RATE).process(mono.samples());
        Path wav = null;
        try {
            wav = Files.createTempFile("riffle-speech", ".wav");
            Files.write(wav, Wav.write(new AudioChunk(RATE, 1, samples)));
            // one utterance per call: Pocketsphinx's own silence detection is off (it missed whole phrases after
            // digital silence); the caller has found the utterance already. Exact zeros (a fake or muted microphone)
            // also upset its features: a fixed-seed dither keeps results good and repeatable (bench-models: 78 -> 96 of 96 exact)
            Process p = new ProcessBuilder(COMMAND, "-infile", wav.toString(), "-jsgf", grammar.toString(),
                    "-remove_silence", "no", "-dither", "yes", "-seed", "1", "-logfn", "/dev/null")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("pocketsphinx_continuous did not finish within 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("pocketsphinx_continuous failed (exit " + p.exitValue() + ")");
            }
            return out.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
        } catch (IOException e) {
            throw new IllegalStateException(missing() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running pocketsphinx_continuous", e);
        } finally {
            if (wav != null) {
                try {
                    Files.deleteIfExists(wav);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    /** Whether Pocketsphinx and its en-us model are installed. */
    public static boolean installed() {
        if (!Files.isReadable(DICTIONARY)) {
            return false;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, COMMAND))) {
                return true;
            }
        }
        return false;
    }

    private static void requireInstalled() {
        if (!installed()) {
            throw new IllegalStateException(missing());
        }
    }

    private static String missing() {
        return "Pocketsphinx is not installed: apt-get install pocketsphinx pocketsphinx-en-us (./dev test and"
                + " ./dev examples install it when run as root)";
    }

    private static Set<String> dictionaryWords() {
        try (var lines = Files.lines(DICTIONARY, StandardCharsets.UTF_8)) {
            Set<String> words = new HashSet<>();
            lines.forEach(line -> {
                int space = line.indexOf(' ');
                String word = space < 0 ? line : line.substring(0, space);
                int variant = word.indexOf('(');
                words.add(variant < 0 ? word : word.substring(0, variant));
            });
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + DICTIONARY, e);
        }
    }
}
