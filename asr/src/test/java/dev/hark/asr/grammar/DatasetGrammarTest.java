package dev.hark.asr.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.GrammarRecognizer;
import dev.hark.asr.TestData;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.asr.search.RecognitionResult;
import dev.hark.audio.WavReader;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dataset compiled to a grammar: the recognised path yields transcript, intent and slot spans. */
class DatasetGrammarTest {
    static final String DATASET = """
            [turnOn]
            turn on the $room lights
            switch on the lights in the $room
            [turnOff]
            turn off the $room lights
            [$room automatically_extensible=false]
            living room = lounge
            kitchen
            bedroom
            """;

    @Test
    void recognisesIntentAndSlotFromFliteSpeech() throws Exception {
        Dataset d = DatasetLoader.fromTemplates(DATASET, "lights");
        WordGraph graph = DatasetGrammarCompiler.compile(d);
        GrammarRecognizer rec = GrammarRecognizer.builder().model(SphinxAcousticModel.load(TestData.MODEL))
                .dictionary(TestData.DICT).grammar(graph).build();
        Path wav = TestData.scratch("flite").resolve("dataset_lounge.wav");
        if (!Files.exists(wav)) {
            TestData.run(List.of("flite", "-voice", "slt", "-t", "turn off the lounge lights", "-o", wav.toString()));
        }
        RecognitionResult r = rec.recognize(WavReader.readPcm16k(wav));
        assertEquals("turn off the lounge lights", r.transcript());
        assertFalse(r.rejected());
        SemanticParse parse = SemanticParse.of(r);
        assertEquals("turnOff", parse.intent());
        assertEquals(1, parse.slots().size());
        assertEquals("room", parse.slots().get(0).name());
        assertEquals("lounge", parse.slots().get(0).rawValue());
    }

    @Test
    void templateWordWithoutPronunciationIsNamed() throws Exception {
        Dataset d = DatasetLoader.fromTemplates("[greet]\nhello qwzxvj\n", "t");
        GrammarException e = assertThrows(GrammarException.class, () -> GrammarRecognizer.builder()
                .model(SphinxAcousticModel.load(TestData.MODEL)).dictionary(TestData.DICT)
                .grammar(DatasetGrammarCompiler.compile(d)).build());
        assertTrue(e.getMessage().contains("qwzxvj") && e.getMessage().contains("intent greet"), e.getMessage());
    }
}
