package dev.hark.nlu.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class WordClassesTest {
    @Test
    void inflectionsShareAStem() {
        assertEquals(WordClasses.stem("light"), WordClasses.stem("lights"));
        assertEquals(WordClasses.stem("play"), WordClasses.stem("playing"));
        assertEquals(WordClasses.stem("stop"), WordClasses.stem("stopped"));
        assertEquals(WordClasses.stem("make"), WordClasses.stem("making"));
        assertEquals(WordClasses.stem("dim"), WordClasses.stem("dimmed"));
        assertNotEquals(WordClasses.stem("song"), WordClasses.stem("sing"));
        assertEquals("<artist>", WordClasses.stem("<artist>"));
    }

    @Test
    void synonymsShareAClassAndOtherWordsKeepTheirStem() {
        assertEquals(WordClasses.classOf("stop"), WordClasses.classOf("halting"));
        assertEquals(WordClasses.classOf("cancel"), WordClasses.classOf("delete"));
        assertEquals(WordClasses.classOf("song"), WordClasses.classOf("tracks"));
        assertNotEquals(WordClasses.classOf("pause"), WordClasses.classOf("resume"));
        assertNotEquals(WordClasses.classOf("on"), WordClasses.classOf("off"));
        assertEquals(WordClasses.stem("kitchens"), WordClasses.classOf("kitchens"));
    }

    @Test
    void phrasalVerbsTakeTheClassOfTheirSynonym() {
        assertEquals(WordClasses.classOf("continue"), WordClasses.phraseClass("carry", "on"));
        assertEquals(WordClasses.classOf("quiet"), WordClasses.phraseClass("shut", "up"));
        assertEquals(WordClasses.classOf("cancel"), WordClasses.phraseClass("never", "mind"));
        assertNull(WordClasses.phraseClass("the", "kitchen"));
    }
}
