package dev.hark.nlu.parser;

import dev.hark.nlu.Token;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The intent classifier's view of a sentence: word unigrams and bigrams over the words with entity
 * occurrences collapsed to {@code <entity>} (so "play <artist>" generalises over artists), the raw
 * words, and character trigrams of each word (robust to inflections and typos); and, to generalise to
 * words the training sentences do not use, unigrams, bigrams and one-word skip-grams over the words'
 * {@link WordClasses} (stems or synonym classes, with fillers like "um" and "please" left out, so
 * "could you halt the tunes" shares features with "stop the songs").
 */
final class IntentFeatures {
    private IntentFeatures() {
    }

    static Set<String> of(Mentions m, EntityIndex index) {
        Set<String> f = new LinkedHashSet<>();
        List<String> words = m.collapsed(index);
        String prev = "^";
        for (String w : words) {
            f.add("u:" + w);
            f.add("b:" + prev + " " + w);
            prev = w;
        }
        f.add("b:" + prev + " $");
        String before = "^";
        prev = "^";
        for (int i = 0; i < words.size(); i++) {
            String c = i + 1 < words.size() ? WordClasses.phraseClass(words.get(i), words.get(i + 1)) : null;
            if (c != null) {
                i++;
            } else {
                c = WordClasses.classOf(words.get(i));
            }
            if (c.equals("=filler") || c.equals("=please")) {
                continue;
            }
            f.add("n:" + c);
            f.add("nb:" + prev + " " + c);
            f.add("ns:" + before + " " + c);
            before = prev;
            prev = c;
        }
        f.add("nb:" + prev + " $");
        for (Token t : m.tokens) {
            String w = t.text();
            f.add("w:" + w);
            String padded = " " + w + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                f.add("c:" + padded.substring(i, i + 3));
            }
        }
        return f;
    }
}
