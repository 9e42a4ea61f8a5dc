package dev.hark.asr.search;

import java.util.List;

/**
 * The HMM network a grammar compiles to: one node per phone HMM instance (a triphone chosen for
 * its left and right context, including across word boundaries), with successor edges carrying a
 * log penalty, word-end marks, and the nodes whose exit may end the utterance. A separate set of
 * context-independent phone-loop nodes models "any speech" for rejection. Immutable; arrays only:
 * a node stores the index of its HMM (senones and transition matrix, kept once per distinct
 * triphone), its first successor, its word end and its final-tag list index, so memory is 16 bytes
 * per node plus 8 per edge and 16 per distinct triphone.
 */
public final class SearchGraph {
    /** One word of the grammar on a path, with the tags to report before it. */
    public record WordInstance(String word, int pronunciation, int phones, List<String> tags) {
    }

    final int nodeCount;
    final int states;
    /** the HMM of each node: an index into hmmSenones / hmmTmat */
    final int[] hmm;
    /** hmmSenones[hmm * states + j] */
    final int[] hmmSenones;
    final int[] hmmTmat;
    final int[] succStart;
    final int[] succ;
    final float[] succPenalty;
    /** word instance ended by exiting this node, or -1 */
    final int[] wordEnd;
    /** index into finalTagLists of the tags to report when the utterance ends after this node, or -1 */
    final int[] finalOf;
    final List<String>[] finalTagLists;
    final int[] startNodes;
    final float[] startPenalty;
    final int loopStart;
    final WordInstance[] instances;

    SearchGraph(int nodeCount, int states, int[] hmm, int[] hmmSenones, int[] hmmTmat, int[] succStart, int[] succ,
                float[] succPenalty, int[] wordEnd, int[] finalOf, List<String>[] finalTagLists, int[] startNodes,
                float[] startPenalty, int loopStart, WordInstance[] instances) {
        this.nodeCount = nodeCount;
        this.states = states;
        this.hmm = hmm;
        this.hmmSenones = hmmSenones;
        this.hmmTmat = hmmTmat;
        this.succStart = succStart;
        this.succ = succ;
        this.succPenalty = succPenalty;
        this.wordEnd = wordEnd;
        this.finalOf = finalOf;
        this.finalTagLists = finalTagLists;
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
