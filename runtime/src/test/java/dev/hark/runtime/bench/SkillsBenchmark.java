package dev.hark.runtime.bench;

import dev.hark.runtime.feedback.AudioClip;
import dev.hark.runtime.feedback.ProcessSpeechSynthesizer;
import dev.hark.runtime.skills.Dispatcher;
import dev.hark.runtime.skills.FileKeyValueStore;
import dev.hark.runtime.skills.LoadedSkill;
import dev.hark.runtime.skills.SkillCatalog;
import dev.hark.runtime.skills.SkillHost;
import dev.hark.skill.IntentRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Figures for docs/benchmarks/skills.md (not a test): the dispatcher's cost over calling a skill directly,
 * an atomic store write, start-up of the built-in skills, and text-to-speech real-time factors.
 * Run: java -cp "runtime/target/classes:runtime/target/test-classes:runtime/target/lib/*" dev.hark.runtime.bench.SkillsBenchmark
 */
public final class SkillsBenchmark {
    private SkillsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("hark-bench");
        long t0 = System.nanoTime();
        SkillCatalog catalog = SkillCatalog.load(null);
        SkillHost host = SkillHost.start(catalog, new SkillHost.Options(tmp.resolve("state"), Clock.systemDefaultZone(), Map.of(),
                (sound, text) -> { }));
        System.out.printf("start-up: load and start %d built-in skills: %.1f ms%n", catalog.skills().size(), (System.nanoTime() - t0) / 1e6);

        Dispatcher dispatcher = new Dispatcher(host);
        IntentRequest request = IntentRequest.builder("getTime").build();
        LoadedSkill clock = catalog.skillFor("getTime").orElseThrow();
        dev.hark.skill.SkillContext direct0 = new dev.hark.skill.SkillContext() {
            public Map<String, String> settings() { return Map.of(); }
            public dev.hark.skill.KeyValueStore store() { throw new UnsupportedOperationException(); }
            public Clock clock() { return Clock.systemDefaultZone(); }
            public dev.hark.skill.SkillScheduler scheduler() { throw new UnsupportedOperationException(); }
            public dev.hark.skill.Announcer announcer() { return (sound, text) -> { }; }
            public List<dev.hark.skill.SkillInfo> installedSkills() { return List.of(); }
        };
        int n = 5000;
        double[] direct = new double[n];
        double[] dispatched = new double[n];
        for (int round = 0; round < 2; round++) { // the first round warms up the JIT
            for (int i = 0; i < n; i++) {
                long a = System.nanoTime();
                clock.skill().handle(request, direct0);
                long b = System.nanoTime();
                dispatcher.dispatch(request);
                long c = System.nanoTime();
                direct[i] = (b - a) / 1e3;
                dispatched[i] = (c - b) / 1e3;
            }
        }
        System.out.printf("getTime handled directly: median %.1f us, p95 %.1f us%n", pct(direct, 50), pct(direct, 95));
        System.out.printf("getTime through Dispatcher: median %.1f us, p95 %.1f us (dispatch overhead median %.1f us)%n",
                pct(dispatched, 50), pct(dispatched, 95), pct(dispatched, 50) - pct(direct, 50));

        // text to skill: what is left after recognition (parse, request, dispatch), as in hark skills say
        long tt = System.nanoTime();
        dev.hark.nlu.parser.IntentParser parser = dev.hark.nlu.parser.IntentParser.builder()
                .dataset(host.assistant()).clock(Clock.systemDefaultZone()).build();
        System.out.printf("train the intent parser on the built-in assistant: %.0f ms%n", (System.nanoTime() - tt) / 1e6);
        // half are dataset sentences (the exact-match path), half are not (the classifier and slot filler)
        List<String> sentences = List.of("what time is it", "what day is it today", "what can you do",
                "how much time is left", "please tell me what time it is", "what is the date today please",
                "how long is left on my timer", "could you list all my alarms");
        double[] parseMs = new double[sentences.size() * 300];
        double[] totalMs = new double[parseMs.length];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < parseMs.length; i++) {
                long a = System.nanoTime();
                dev.hark.nlu.ParseResult parse = parser.parse(sentences.get(i % sentences.size()));
                long b = System.nanoTime();
                if (parse.intentName() != null) {
                    dispatcher.dispatch(dev.hark.runtime.skills.IntentRequests.from(parse, 1, null, java.time.ZoneId.systemDefault()));
                }
                long c = System.nanoTime();
                parseMs[i] = (b - a) / 1e6;
                totalMs[i] = (c - a) / 1e6;
            }
        }
        double[] novel = new double[parseMs.length / 2];
        for (int i = 0, k = 0; i < parseMs.length; i++) {
            if (i % sentences.size() >= 4) {
                novel[k++] = parseMs[i];
            }
        }
        System.out.printf("sentence -> skill answered (parse + request + dispatch), %d calls: median %.3f ms, p95 %.3f ms;"
                + " parse alone median %.3f ms (sentences not in the dataset: median %.3f ms, p95 %.3f ms)%n",
                totalMs.length, pct(totalMs, 50), pct(totalMs, 95), pct(parseMs, 50), pct(novel, 50), pct(novel, 95));

        FileKeyValueStore store = FileKeyValueStore.open(tmp.resolve("bench.json"));
        double[] writes = new double[200];
        for (int i = 0; i < writes.length; i++) {
            long a = System.nanoTime();
            store.put("timer." + (i % 5), "timer|" + i + "|120");
            writes[i] = (System.nanoTime() - a) / 1e6;
        }
        System.out.printf("atomic store write (5 entries, fsync + rename): median %.2f ms, p95 %.2f ms%n", pct(writes, 50), pct(writes, 95));

        List<String> texts = List.of("It's 4:05 PM.", "Timer set for 2 minutes.", "Today is Friday, November 27, 2026.",
                "You have 2: the timer for 3 minutes with 2 minutes and 30 seconds left; the alarm at 9:00 AM.",
                "Sorry, something went wrong with the timers skill.", "The kitchen light is on.",
                "Your timer for 5 minutes is done.", "Alarm set for tomorrow at 7:00 AM.",
                "You can say: what time is it; what day is it; set a timer for five minutes.", "Cancelled 2 timers and alarms.");
        for (ProcessSpeechSynthesizer.Engine engine : ProcessSpeechSynthesizer.Engine.values()) {
            ProcessSpeechSynthesizer tts = new ProcessSpeechSynthesizer(engine, engine.program(), null);
            double[] rtf = new double[texts.size()];
            double[] ms = new double[texts.size()];
            tts.synthesize("warm up");
            for (int i = 0; i < texts.size(); i++) {
                long a = System.nanoTime();
                AudioClip clip = tts.synthesize(texts.get(i));
                ms[i] = (System.nanoTime() - a) / 1e6;
                rtf[i] = ms[i] / 1000 / clip.seconds();
            }
            System.out.printf("%s: synthesis median %.0f ms per response, real-time factor median %.3f (max %.3f)%n",
                    engine.program(), pct(ms, 50), pct(rtf, 50), pct(rtf, 100));
        }
        dispatcher.close();
        host.close();
        catalog.close();
    }

    private static double pct(double[] values, int p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }
}
