package dev.hark.runtime.bench;

import dev.hark.asr.GrammarRecognizer;
import dev.hark.asr.grammar.DatasetGrammarCompiler;
import dev.hark.asr.grammar.WordGraph;
import dev.hark.asr.grammar.WordGraphMinimizer;
import dev.hark.asr.lexicon.LetterToSound;
import dev.hark.asr.lexicon.Lexicon;
import dev.hark.asr.model.ModelDefinition;
import dev.hark.asr.search.SearchGraph;
import dev.hark.asr.search.SearchGraphBuilder;
import dev.hark.asr.search.SearchParameters;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.runtime.skills.SkillCatalog;
import dev.hark.runtime.skills.SkillHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Benchmark main (not a test): compiles the built-in skills' assistant into a search graph and
 * prints its size, compile time and the heap it retains. Usage:
 * {@code java -cp ... dev.hark.runtime.bench.AssistantGraphProbe [workdir]}.
 */
public final class AssistantGraphProbe {
    private AssistantGraphProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/graphprobe");
        Files.createDirectories(work);
        Dataset dataset;
        try (SkillCatalog catalog = SkillCatalog.load(null);
             SkillHost host = SkillHost.start(catalog, new SkillHost.Options(work.resolve("state"), Clock.systemUTC(),
                     Map.of(), (sound, text) -> { }))) {
            dataset = host.assistant();
        }
        long t0 = System.nanoTime();
        WordGraph grammar = DatasetGrammarCompiler.compile(dataset);
        long t1 = System.nanoTime();
        Path dict = GrammarRecognizer.Builder.DEFAULT_DICTIONARY;
        Lexicon lexicon = Lexicon.load(dict, grammar.vocabulary(), Map.of());
        LetterToSound lts = LetterToSound.cached(dict, work.resolve("lts-en-us.bin"));
        for (String w : List.copyOf(lexicon.missing())) lexicon = lexicon.with(w, List.<String[]>of(lts.pronounce(w)));
        ModelDefinition mdef = ModelDefinition.read(GrammarRecognizer.Builder.DEFAULT_MODEL.resolve("mdef"));
        long heap0 = usedHeap();
        long t2 = System.nanoTime();
        SearchGraph graph = new SearchGraphBuilder(mdef, SearchParameters.defaults()).build(grammar, lexicon);
        long t3 = System.nanoTime();
        long heap1 = usedHeap();
        System.out.printf("word graph: %d states, %d arcs, %d words; compile %.0f ms%n", grammar.stateCount(),
                grammar.arcs().size(), grammar.vocabulary().size(), (t1 - t0) / 1e6);
        long t4 = System.nanoTime();
        WordGraph minimal = WordGraphMinimizer.minimize(grammar);
        long t5 = System.nanoTime();
        System.out.printf("minimized word graph: %d states, %d arcs; minimize %.0f ms%n", minimal.stateCount(),
                minimal.arcs().size(), (t5 - t4) / 1e6);
        System.out.printf("search graph: %d HMM nodes, %d word instances; build %.0f ms; retained heap %.1f MB%n",
                graph.nodeCount(), graph.wordInstanceCount(), (t3 - t2) / 1e6, (heap1 - heap0) / 1e6);
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
