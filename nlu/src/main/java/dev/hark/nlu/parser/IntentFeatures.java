package dev.hark.nlu.parser;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The intent classifier's view of a sentence: word unigrams and bigrams over the words with entity
 * occurrences collapsed to {@code <entity>} (so "play <artist>" generalises over artists), the raw
 * words, and character trigrams of each word (robust to inflections and typos); and, to generalise to
 * words the training sentences do not use, unigrams, bigrams and one-word skip-grams over the words'
 * {@link WordClasses} (stems or synonym classes, with fillers like "um" and "please" left out, so
 * "could you halt the tunes" shares features with "stop the songs"). A name the {@link NameFinder} found
 * (a title, an artist) is collapsed to {@code <name>} and its words give no raw-word or trigram features:
 * "play the song &lt;name&gt;" is evidence of an intent, the words of the title are mostly not.
 */
final class IntentFeatures {
    private IntentFeatures() {
    }

    /** The features of a sentence in which {@code names} ({@link NameFinder}) were found. */
    static Set<String> of(Mentions m, EntityIndex index, List<int[]> names) {
        Set<String> f = new LinkedHashSet<>();
        List<String> words = m.collapsed(index, names);
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
        int name = 0;
        for (int i = 0; i < m.tokens.size(); i++) {
            while (name < names.size() && names.get(name)[1] <= i) {
                name++;
            }
            if (name < names.size() && names.get(name)[0] <= i) {
                continue; // a name's own words are not evidence of the intent
            }
            String w = m.tokens.get(i).text();
            f.add("w:" + w);
            String padded = " " + w + " ";
            for (int k = 0; k + 3 <= padded.length(); k++) {
                f.add("c:" + padded.substring(k, k + 3));
            }
        }
        return f;
    }
}
