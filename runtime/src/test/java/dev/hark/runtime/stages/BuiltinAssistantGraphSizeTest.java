package dev.hark.runtime.stages;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.GrammarRecognizer;
import dev.hark.asr.grammar.DatasetGrammarCompiler;
import dev.hark.asr.grammar.WordGraph;
import dev.hark.asr.lexicon.LetterToSound;
import dev.hark.asr.lexicon.Lexicon;
import dev.hark.asr.model.ModelDefinition;
import dev.hark.asr.search.SearchGraph;
import dev.hark.asr.search.SearchGraphBuilder;
import dev.hark.asr.search.SearchParameters;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.runtime.skills.SkillCatalog;
import dev.hark.runtime.skills.SkillHost;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in skills' recogniser must stay small enough for a Pi 3 (the service runs with
 * -Xmx128m). The graph and the decoder's per-node arrays cost about 100 bytes per HMM node, so
 * 150,000 nodes is about 15 MB, a tenth of the heap; the minimized graph with shared phone prefixes has about 38,000 nodes,
 * so the bound leaves room for a few more built-in sentences, while the unshared expansion
 * (one copy of the number/duration/time grammar per slot occurrence: 2.26 million nodes, 252,000
 * word instances) or a graph without suffix sharing fails it by far.
 */
class BuiltinAssistantGraphSizeTest {
    static final int MAX_NODES = 150_000;
    static final int MAX_WORD_INSTANCES = 15_000;

    @TempDir
    Path dir;

    @Test
    void builtinAssistantCompilesToABoundedGraph() throws Exception {
        Dataset dataset;
        try (SkillCatalog catalog = SkillCatalog.load(null);
             SkillHost host = SkillHost.start(catalog, new SkillHost.Options(dir.resolve("state"), Clock.systemUTC(),
                     Map.of(), (sound, text) -> { }))) {
            dataset = host.assistant();
        }
        WordGraph grammar = DatasetGrammarCompiler.compile(dataset);
        Path dictionary = GrammarRecognizer.Builder.DEFAULT_DICTIONARY;
        Lexicon lexicon = Lexicon.load(dictionary, grammar.vocabulary(), Map.of());
        if (!lexicon.missing().isEmpty()) {
            LetterToSound lts = LetterToSound.cached(dictionary, Path.of("target", "lts-en-us.bin"));
            for (String w : List.copyOf(lexicon.missing())) lexicon = lexicon.with(w, List.<String[]>of(lts.pronounce(w)));
        }
        ModelDefinition mdef = ModelDefinition.read(GrammarRecognizer.Builder.DEFAULT_MODEL.resolve("mdef"));
        SearchGraph graph = new SearchGraphBuilder(mdef, SearchParameters.defaults()).build(grammar, lexicon);
        String size = graph.nodeCount() + " HMM nodes, " + graph.wordInstanceCount() + " word instances";
        assertTrue(graph.nodeCount() <= MAX_NODES, size);
        assertTrue(graph.wordInstanceCount() <= MAX_WORD_INSTANCES, size);
        assertTrue(graph.wordInstanceCount() >= grammar.vocabulary().size(), "every word is in the graph: " + size);
    }
}
