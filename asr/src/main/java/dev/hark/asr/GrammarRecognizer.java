package dev.hark.asr;

import dev.hark.asr.feature.FeatureExtractor;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.GrammarException;
import dev.hark.asr.grammar.WordGraph;
import dev.hark.asr.lexicon.DictionaryEntry;
import dev.hark.asr.lexicon.LetterToSound;
import dev.hark.asr.lexicon.Lexicon;
import dev.hark.asr.lexicon.PronunciationVariants;
import dev.hark.asr.model.AcousticModel;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.asr.search.Decoder;
import dev.hark.asr.search.RecognitionResult;
import dev.hark.asr.search.SearchGraph;
import dev.hark.asr.search.SearchGraphBuilder;
import dev.hark.asr.search.SearchGraphCache;
import dev.hark.asr.search.SearchParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming grammar recogniser: 16 kHz PCM in ({@link #process}), the best grammar path with a
 * confidence and a reject decision out ({@link #finish}). Combines the MFCC/CMN/delta frontend,
 * the acoustic model and the Viterbi decoder over a compiled grammar. Build with {@link #builder()}.
 * Memory: the model (about 5 MB for en-us) plus the graph (tens of bytes per HMM node). Per 10 ms
 * frame: one FFT, codebook evaluation and the active HMMs; no allocation. Not thread-safe.
 */
public final class GrammarRecognizer implements AutoCloseable {
    private final FeatureExtractor features;
    private final Decoder decoder;
    private final SearchGraph graph;
    private final FeatureExtractor.FeatureSink sink;
    private final AcousticModel model;
    private final FrameDelay delay;
    private final SearchParameters params;

    private GrammarRecognizer(AcousticModel model, SearchGraph graph, SearchParameters params, FrontendConfig.CmnMode cmn) {
        this.features = new FeatureExtractor(model.frontend().withCmn(cmn));
        this.decoder = new Decoder(model, graph, params);
        this.params = params;
        this.graph = graph;
        this.model = model;
        int lookahead = model.lookahead();
        this.delay = lookahead > 0 ? new FrameDelay(lookahead, model.frontend().featureDimension()) : null;
        this.sink = delay == null ? decoder::processFrame : this::observe;
    }

    // A model that looks ahead sees each frame at once; the search gets it `lookahead` frames later.
    private void observe(float[] feature) {
        model.observe(feature);
        float[] due = delay.push(feature);
        if (due != null) decoder.processFrame(due);
    }

    /** A builder; model directory and dictionary default to Debian's pocketsphinx-en-us paths. */
    public static Builder builder() {
        return new Builder();
    }

    /** Pushes PCM samples (16 kHz mono, 16-bit). */
    public void process(short[] pcm, int offset, int length) {
        features.process(pcm, offset, length, sink);
    }

    /** Ends the utterance: flushes the frontend and returns the result; ready for the next one. */
    public RecognitionResult finish() {
        features.finish(sink);
        if (delay != null) {
            model.endOfUtterance();
            for (float[] f = delay.pop(); f != null; f = delay.pop()) decoder.processFrame(f);
        }
        RecognitionResult r = decoder.finish();
        decoder.reset(); // resets the model too
        return r;
    }

    /**
     * Recognises one whole recording on its own. The streaming path keeps the frontend's noise
     * estimate from one utterance to the next (they come from the same microphone and room); a whole
     * recording starts without it, so its result does not depend on what was recognised before (an
     * evaluation over many recordings gives each one the same decision alone or in any company).
     */
    public RecognitionResult recognize(short[] pcm) {
        features.reset();
        process(pcm, 0, pcm.length);
        return finish();
    }

    /** The search parameters in use (the builder's, or the defaults tuned for the model). */
    public SearchParameters parameters() {
        return params;
    }

    /** The compiled network (for statistics). */
    public SearchGraph graph() {
        return graph;
    }

    @Override
    public void close() {
        // holds only heap memory; present so callers can use try-with-resources like the other stages
    }

    /** Configures and builds a {@link GrammarRecognizer}. */
    public static final class Builder {
        public static final Path DEFAULT_MODEL = Path.of("/usr/share/pocketsphinx/model/en-us/en-us");
        public static final Path DEFAULT_DICTIONARY = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");

        private Path modelDir = DEFAULT_MODEL;
        private Path dictionary = DEFAULT_DICTIONARY;
        private AcousticModel model;
        private WordGraph grammar;
        private final Map<String, List<String>> pronunciations = new LinkedHashMap<>();
        private SearchParameters params;
        private FrontendConfig.CmnMode cmn = FrontendConfig.CmnMode.LIVE;
        private LetterToSound letterToSound;
        private SearchGraphCache cache;
        private final java.util.Set<String> guessed = new java.util.TreeSet<>();

        public Builder modelDirectory(Path dir) {
            this.modelDir = dir;
            return this;
        }

        /** Shares an already loaded model between recognisers. */
        public Builder model(AcousticModel m) {
            this.model = m;
            return this;
        }

        public Builder dictionary(Path dict) {
            this.dictionary = dict;
            return this;
        }

        public Builder grammar(WordGraph g) {
            this.grammar = g;
            return this;
        }

        /** Adds an author pronunciation ("HH AA R K") for a word; it replaces the dictionary's. */
        public Builder pronunciation(String word, String phones) {
            pronunciations.computeIfAbsent(Lexicon.normalize(word), k -> new java.util.ArrayList<>()).add(phones);
            return this;
        }

        /**
         * Adds the author pronunciations in {@code file}, in the dictionary's own format: one
         * "word PH ON ES" per line, alternates as "word(2) ...", '#' starts a comment. Fails naming
         * the file and line for a line without phones.
         */
        public Builder pronunciations(Path file) throws IOException, GrammarException {
            List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                java.util.Optional<DictionaryEntry> e;
                try {
                    e = DictionaryEntry.parse(lines.get(i));
                } catch (IllegalArgumentException bad) {
                    throw new GrammarException(file + ":" + (i + 1) + ": " + bad.getMessage());
                }
                if (e.isPresent()) pronunciation(e.get().word(), e.get().phones());
            }
            return this;
        }

        /** Guesses pronunciations for words in neither the dictionary nor the author's entries. */
        public Builder letterToSound(LetterToSound lts) {
            this.letterToSound = lts;
            return this;
        }

        /** Keeps compiled graphs in {@code dir}, keyed by grammar content (see {@link SearchGraphCache}). */
        public Builder cacheDirectory(Path dir) {
            this.cache = new SearchGraphCache(dir);
            return this;
        }

        /** Words whose pronunciation came from letter-to-sound in the last {@link #build()}. */
        public java.util.Set<String> guessedWords() {
            return java.util.Collections.unmodifiableSet(guessed);
        }

        /**
         * Search parameters; without them, {@link SearchParameters#defaults()} with the acoustic
         * model's own settings ({@link SearchParameters#tunedFor}).
         */
        public Builder parameters(SearchParameters p) {
            this.params = p;
            return this;
        }

        /** LIVE (streaming, default) or BATCH (whole-utterance mean, for files). */
        public Builder cmn(FrontendConfig.CmnMode mode) {
            this.cmn = mode;
            return this;
        }

        /** Loads what is missing, compiles the grammar and builds the recogniser. */
        public GrammarRecognizer build() throws IOException, GrammarException {
            if (grammar == null) throw new GrammarException("no grammar given");
            AcousticModel m = model != null ? model : SphinxAcousticModel.load(modelDir);
            SearchParameters params = this.params != null ? this.params : SearchParameters.defaults().tunedFor(m);
            guessed.clear();
            String key = null;
            if (cache != null) {
                key = SearchGraphCache.key(grammar, params, List.of(modelDir.resolve("mdef"), dictionary),
                        pronunciations.toString() + (letterToSound != null) + PronunciationVariants.bundled().text());
                SearchGraphCache.Entry cached = cache.load(key);
                if (cached != null) {
                    guessed.addAll(cached.guessedWords());
                    return new GrammarRecognizer(m, cached.graph(), params, cmn);
                }
            }
            Lexicon lexicon = Lexicon.load(dictionary, grammar.vocabulary(), pronunciations, PronunciationVariants.bundled());
            if (letterToSound != null) {
                for (String word : List.copyOf(lexicon.missing())) {
                    String[] guess = letterToSound.pronounce(word);
                    if (guess.length > 0) {
                        lexicon = lexicon.with(word, List.<String[]>of(guess));
                        guessed.add(word);
                    }
                }
            }
            if (!lexicon.missing().isEmpty()) {
                List<String> named = new java.util.ArrayList<>();
                for (String w : lexicon.missing()) {
                    java.util.Set<String> from = grammar.origins(w);
                    named.add(from.isEmpty() ? w : w + " (" + String.join(", ", from) + ")");
                }
                throw new GrammarException("no pronunciation for word(s) " + String.join(", ", named)
                        + " (not in the dictionary and no letter-to-sound guess; add one with a pronunciation entry)");
            }
            SearchGraph graph = new SearchGraphBuilder(m.definition(), params).build(grammar, lexicon);
            if (cache != null) cache.save(key, graph, List.copyOf(guessed));
            return new GrammarRecognizer(m, graph, params, cmn);
        }
    }
}
