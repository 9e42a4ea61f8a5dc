package dev.hark.runtime.stages;

import dev.hark.asr.GrammarRecognizer;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.DatasetGrammarCompiler;
import dev.hark.asr.grammar.GrammarException;
import dev.hark.asr.grammar.SemanticParse;
import dev.hark.asr.lexicon.LetterToSound;
import dev.hark.asr.model.AcousticModel;
import dev.hark.asr.search.RecognitionResult;
import dev.hark.nlu.EntityResolver;
import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.nlu.SlotValue;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.runtime.loop.CommandRecognizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Hears a command and understands it in one step: hark-asr's grammar recogniser, compiled from the
 * assistant's dataset, yields the words and the grammar path's intent and slot spans; hark-nlu's
 * {@link EntityResolver} turns the slot words into values (numbers, durations, times, canonical
 * custom values). Used by the assistant loop (streaming, live CMN) and by {@code hark understand}
 * (whole files, batch CMN). Costs: see {@link GrammarRecognizer}; resolution is microseconds.
 */
public final class SpeechUnderstanding implements CommandRecognizer {
    private final GrammarRecognizer recognizer;
    private final AcousticModel acoustic;
    private final EntityResolver resolver;
    private final List<String> guessedWords;
    private Set<String> allowed = Set.of();
    private long lastNluNanos;

    private SpeechUnderstanding(GrammarRecognizer recognizer, AcousticModel acoustic, EntityResolver resolver,
                                List<String> guessedWords) {
        this.recognizer = recognizer;
        this.acoustic = acoustic;
        this.resolver = resolver;
        this.guessedWords = guessedWords;
    }

    /**
     * Compiles (or loads from {@code cacheDir}) the recogniser for {@code dataset}.
     *
     * @param modelDir   Sphinx acoustic model folder
     * @param dictionary pronunciation dictionary; words missing from it are pronounced by letter-to-sound
     * @param pronunciations the author's extra pronunciations in the dictionary's format, or null
     * @param cmn        LIVE for streams, BATCH for whole recordings
     * @throws IOException      a missing or malformed model or dictionary, named in the message
     * @throws GrammarException an empty grammar or a word that cannot be pronounced, named in the message
     */
    public static SpeechUnderstanding build(Dataset dataset, Path modelDir, Path dictionary, Path pronunciations,
                                            Path cacheDir, FrontendConfig.CmnMode cmn, Clock clock)
            throws IOException, GrammarException {
        return build(dataset, AcousticModelChoice.SPHINX, modelDir, dictionary, pronunciations, cacheDir, cmn, clock);
    }

    /**
     * As above, scoring with the chosen acoustic model ({@link AcousticModelChoice}); the neural
     * model's native session is closed with this object.
     */
    public static SpeechUnderstanding build(Dataset dataset, AcousticModelChoice acousticModel, Path modelDir,
                                            Path dictionary, Path pronunciations, Path cacheDir,
                                            FrontendConfig.CmnMode cmn, Clock clock)
            throws IOException, GrammarException {
        if (!Files.isRegularFile(dictionary)) {
            throw new IOException(dictionary + ": pronunciation dictionary not found");
        }
        AcousticModel acoustic = acousticModel.load(modelDir);
        try {
            return build(dataset, acoustic, modelDir, dictionary, pronunciations, cacheDir, cmn, clock);
        } catch (IOException | GrammarException | RuntimeException e) {
            if (acoustic instanceof AutoCloseable c) closeQuietly(c);
            throw e;
        }
    }

    /** As above with an already loaded acoustic model (owned from now on: closed with this object). */
    public static SpeechUnderstanding build(Dataset dataset, AcousticModel acoustic, Path modelDir, Path dictionary,
                                            Path pronunciations, Path cacheDir, FrontendConfig.CmnMode cmn, Clock clock)
            throws IOException, GrammarException {
        if (!Files.isRegularFile(dictionary)) {
            throw new IOException(dictionary + ": pronunciation dictionary not found");
        }
        GrammarRecognizer.Builder builder = GrammarRecognizer.builder().model(acoustic).modelDirectory(modelDir)
                .dictionary(dictionary).grammar(DatasetGrammarCompiler.compile(dataset)).cmn(cmn)
                .cacheDirectory(cacheDir)
                .letterToSound(LetterToSound.cached(dictionary, cacheDir.resolve("lts-en-us.bin")));
        if (pronunciations != null) {
            if (!Files.isRegularFile(pronunciations)) {
                throw new IOException(pronunciations + ": pronunciations file not found");
            }
            builder.pronunciations(pronunciations);
        }
        GrammarRecognizer recognizer = builder.build();
        return new SpeechUnderstanding(recognizer, acoustic, new EntityResolver(dataset, clock),
                List.copyOf(builder.guessedWords()));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing; the first error is the one to report
        }
    }

    /** Words of the assistant missing from the dictionary, pronounced by letter-to-sound instead. */
    public List<String> guessedWords() {
        return guessedWords;
    }

    @Override
    public void begin(Set<String> intents) {
        allowed = intents;
    }

    @Override
    public void accept(short[] pcm, int offset, int length) {
        recognizer.process(pcm, offset, length);
    }

    @Override
    public Understanding finish() {
        return understand(recognizer.finish());
    }

    /** Recognises and understands one whole recording. */
    public Understanding understand(short[] pcm) {
        allowed = Set.of();
        return understand(recognizer.recognize(pcm));
    }

    /** Nanoseconds the last {@link #finish()} or {@link #understand(short[])} spent resolving the parse. */
    public long lastNluNanos() {
        return lastNluNanos;
    }

    private Understanding understand(RecognitionResult r) {
        long t0 = System.nanoTime();
        Understanding u = parse(r);
        lastNluNanos = System.nanoTime() - t0;
        return u;
    }

    private Understanding parse(RecognitionResult r) {
        String transcript = r.transcript();
        SemanticParse parse = SemanticParse.of(r);
        boolean accepted = !r.rejected() && parse.intent() != null
                && (allowed.isEmpty() || allowed.contains(parse.intent()));
        if (!accepted) {
            return new Understanding(transcript, r.confidence(), ParseResult.none(transcript, r.confidence()));
        }
        List<Slot> slots = new ArrayList<>(parse.slots().size());
        for (SemanticParse.Slot s : parse.slots()) {
            int start = charOffset(r.words(), s.firstWord());
            int end = start + s.rawValue().length();
            Slot slot = resolver.slot(transcript, start, end, s.entity(), s.name());
            // words the grammar put in a slot but that do not resolve keep their raw text as the value
            slots.add(slot != null ? slot : new Slot(start, end, s.rawValue(), new SlotValue.Custom(s.rawValue()),
                    s.entity(), s.name()));
        }
        return new Understanding(transcript, r.confidence(),
                new ParseResult(transcript, parse.intent(), r.confidence(), slots));
    }

    private static int charOffset(List<String> words, int wordIndex) {
        int off = 0;
        for (int i = 0; i < wordIndex; i++) {
            off += words.get(i).length() + 1;
        }
        return off;
    }

    @Override
    public void close() {
        recognizer.close();
        if (acoustic instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
