package dev.hark.nlu.parser;

import dev.hark.nlu.dataset.DatasetLoader;
import java.nio.file.Path;

/**
 * Prints intent accuracy, slot F1 and every miss of a parser trained on each test dataset's
 * {@code train.txt}, on its {@code dev.txt} (the default; the part to tune on) or another part
 * ({@code test} for the figures reported once).
 *
 * <p>Run: {@code java -cp nlu/target/classes:nlu/target/test-classes:$(cat /tmp/nlu-cp.txt)
 * dev.hark.nlu.parser.EvaluateDatasets [dev|test] [ROOT] [SEED]}
 */
public final class EvaluateDatasets {
    public static void main(String[] args) throws Exception {
        String part = args.length > 0 ? args[0] : "dev";
        Path root = Path.of(args.length > 1 ? args[1] : ".").resolve("nlu/src/test/resources/datasets");
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        for (String name : new String[] {"smarthome", "timers", "music"}) {
            IntentParser parser = IntentParser.builder()
                    .dataset(DatasetLoader.load(root.resolve(name).resolve("train.txt")))
                    .clock(DatasetQualityTest.CLOCK).seed(seed).build();
            Evaluation e = Evaluation.of(parser, AnnotatedSentence.read(root.resolve(name).resolve(part + ".txt")));
            System.out.println(name + " " + part + ": " + e);
            e.errors.forEach(err -> System.out.println("  " + err));
            for (AnnotatedSentence t : AnnotatedSentence.read(root.resolve(name).resolve(part + ".txt"))) {
                if (t.intent() == null) {
                    dev.hark.nlu.ParseResult r = parser.parse(t.text());
                    System.out.printf("  no intent: %s -> %s (%.2f)%n", t.text(), r.intentName(), r.probability());
                }
            }
        }
    }
}
