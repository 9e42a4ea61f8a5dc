package dev.hark.asr.search;

import java.util.List;

/**
 * The HMM network a grammar compiles to: one node per phone HMM instance (a triphone chosen for
 * its left and right context, including across word boundaries), with successor edges carrying a
 * log penalty, word-end marks, and the nodes whose exit may end the utterance. A separate set of
 * context-independent phone-loop nodes models "any speech" for rejection. Immutable; arrays only,
 * so memory is about 40 bytes per node plus 8 per edge.
 */
public final class SearchGraph {
    /** One word of the grammar on a path, with the tags to report before it. */
    public record WordInstance(String word, int pronunciation, List<String> tags) {
    }

    final int nodeCount;
    final int states;
    /** senones[node * states + j] */
    final int[] senones;
    final int[] tmat;
    final int[] succStart;
    final int[] succ;
    final float[] succPenalty;
    /** word instance ended by exiting this node, or -1 */
    final int[] wordEnd;
    /** tags to report when the utterance ends after this node, or null when it cannot end here */
    final List<String>[] finalTags;
    final int[] startNodes;
    final float[] startPenalty;
    final int loopStart;
    final WordInstance[] instances;

    SearchGraph(int nodeCount, int states, int[] senones, int[] tmat, int[] succStart, int[] succ,
                float[] succPenalty, int[] wordEnd, List<String>[] finalTags, int[] startNodes,
                float[] startPenalty, int loopStart, WordInstance[] instances) {
        this.nodeCount = nodeCount;
        this.states = states;
        this.senones = senones;
        this.tmat = tmat;
        this.succStart = succStart;
        this.succ = succ;
        this.succPenalty = succPenalty;
        this.wordEnd = wordEnd;
        this.finalTags = finalTags;
        this.startNodes = startNodes;
        this.startPenalty = startPenalty;
        this.loopStart = loopStart;
        this.instances = instances;
    }

    /** Number of HMM nodes (grammar and phone loop). */
    public int nodeCount() {
        return nodeCount;
    }

    /** Number of grammar word instances (arcs x pronunciations). */
    public int wordInstanceCount() {
        return instances.length;
    }
}
