package dev.hark.asr.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The model definition ({@code mdef}, Sphinx binary "BMDF" format): context-independent phones,
 * triphones by base phone, left and right context and word position, and for each phone its
 * senone sequence and transition matrix. Triphone lookup is a dense table over
 * {@code position x base x left x right} (about 1.5 MB for 42 phones). Immutable.
 */
public final class ModelDefinition {
    /** Word positions as Sphinx numbers them. */
    public static final int INTERNAL = 0, BEGIN = 1, END = 2, SINGLE = 3;
    private static final int BMDF = 0x46444d42;

    private final String[] ciNames;
    private final Map<String, Integer> ciIndex = new HashMap<>();
    private final boolean[] filler;
    private final int phoneCount;
    private final int[] phoneSseq;
    private final int[] phoneTmat;
    private final int[] phoneBase;
    private final short[][] sseq;
    private final int senoneCount;
    private final int ciSenoneCount;
    private final int[] senoneToCi;
    private final int[] triphoneTable;
    private final int silence;

    private ModelDefinition(Path file, ByteBuffer b) throws ModelFormatException {
        int magic = b.getInt();
        if (magic != BMDF) {
            if (Integer.reverseBytes(magic) != BMDF) {
                throw new ModelFormatException(file + ": not a binary model definition (BMDF)");
            }
            b.order(ByteOrder.BIG_ENDIAN);
        }
        b.getInt(); // format version
        int descLength = b.getInt();
        b.position(b.position() + descLength);
        int nCi = b.getInt(), nPhone = b.getInt(), nEmit = b.getInt(), nCiSen = b.getInt(), nSen = b.getInt();
        b.getInt(); // n_tmat
        int nSseq = b.getInt();
        b.getInt(); // n_ctx
        int nCdTree = b.getInt();
        b.getInt(); // silence id as stored; recomputed from the name below
        if (nCi <= 0 || nCi > 255 || nPhone < nCi || nEmit <= 0) {
            throw new ModelFormatException(file + ": unsupported model definition (" + nCi + " phones, "
                    + nEmit + " states; heterogeneous topologies are not supported)");
        }
        ciNames = new String[nCi];
        for (int i = 0; i < nCi; i++) {
            int start = b.position();
            while (b.get() != 0) {
                // scan to the terminating NUL
            }
            ciNames[i] = new String(b.array(), start, b.position() - start - 1, StandardCharsets.US_ASCII);
            ciIndex.put(ciNames[i], i);
        }
        b.position((b.position() + 3) & ~3);
        b.position(b.position() + nCdTree * 8); // the lookup tree is rebuilt as a dense table
        phoneCount = nPhone;
        phoneSseq = new int[nPhone];
        phoneTmat = new int[nPhone];
        phoneBase = new int[nPhone];
        filler = new boolean[nCi];
        int[] wpos = new int[nPhone], left = new int[nPhone], right = new int[nPhone];
        for (int p = 0; p < nPhone; p++) {
            phoneSseq[p] = b.getInt();
            phoneTmat[p] = b.getInt();
            int i0 = b.get() & 0xff, i1 = b.get() & 0xff, i2 = b.get() & 0xff, i3 = b.get() & 0xff;
            if (p < nCi) {
                filler[p] = i0 != 0;
                phoneBase[p] = p;
            } else {
                wpos[p] = i0;
                phoneBase[p] = i1;
                left[p] = i2;
                right[p] = i3;
            }
        }
        int sseqSize = b.getInt();
        if (sseqSize != nSseq * nEmit) {
            throw new ModelFormatException(file + ": senone sequence table size " + sseqSize);
        }
        sseq = new short[nSseq][nEmit];
        for (int s = 0; s < nSseq; s++) {
            for (int j = 0; j < nEmit; j++) {
                sseq[s][j] = b.getShort();
            }
        }
        senoneCount = nSen;
        ciSenoneCount = nCiSen;
        senoneToCi = new int[nSen];
        Arrays.fill(senoneToCi, -1);
        for (int p = 0; p < nPhone; p++) {
            for (short s : sseq[phoneSseq[p]]) {
                if (senoneToCi[s] < 0) senoneToCi[s] = phoneBase[p];
            }
        }
        Integer sil = ciIndex.get("SIL");
        if (sil == null) throw new ModelFormatException(file + ": no SIL phone");
        silence = sil;
        triphoneTable = new int[4 * nCi * nCi * nCi];
        Arrays.fill(triphoneTable, -1);
        for (int p = nCi; p < nPhone; p++) {
            triphoneTable[key(wpos[p], phoneBase[p], left[p], right[p])] = p;
        }
    }

    private int key(int pos, int base, int left, int right) {
        int n = ciNames.length;
        return ((pos * n + base) * n + left) * n + right;
    }

    /** Reads a binary {@code mdef}. */
    public static ModelDefinition read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return new ModelDefinition(file, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new ModelFormatException(file + ": truncated model definition");
        }
    }

    public int ciPhoneCount() {
        return ciNames.length;
    }

    public int phoneCount() {
        return phoneCount;
    }

    public int senoneCount() {
        return senoneCount;
    }

    public int ciSenoneCount() {
        return ciSenoneCount;
    }

    public int emittingStates() {
        return sseq[0].length;
    }

    /** The silence phone. */
    public int silence() {
        return silence;
    }

    /** Index of a context-independent phone by name (e.g. "AH"), or -1. */
    public int ciPhone(String name) {
        Integer i = ciIndex.get(name);
        return i == null ? -1 : i;
    }

    public String ciName(int ci) {
        return ciNames[ci];
    }

    /** Whether a CI phone is a filler (silence, noise). */
    public boolean isFiller(int ci) {
        return filler[ci];
    }

    /** Base phone of a phone. */
    public int base(int phone) {
        return phoneBase[phone];
    }

    /** Senone of emitting state {@code state} of {@code phone}. */
    public int senone(int phone, int state) {
        return sseq[phoneSseq[phone]][state];
    }

    /** Transition matrix of {@code phone}. */
    public int transitionMatrix(int phone) {
        return phoneTmat[phone];
    }

    /** The CI phone whose codebook scores {@code senone} (the first phone found using it). */
    public int senoneToCi(int senone) {
        return senoneToCi[senone];
    }

    /**
     * The triphone for base phone {@code base} between {@code left} and {@code right} at word
     * position {@code pos}; filler contexts count as silence, and when the model lacks that exact
     * triphone the same contexts at another word position, then the CI phone, are used (as
     * pocketsphinx's nearest-phone lookup does).
     */
    public int phone(int base, int left, int right, int pos) {
        if (filler[base]) return base;
        int l = filler[left] ? silence : left;
        int r = filler[right] ? silence : right;
        int p = triphoneTable[key(pos, base, l, r)];
        if (p >= 0) return p;
        int[] order = {SINGLE, BEGIN, END, INTERNAL};
        for (int alt : order) {
            p = triphoneTable[key(alt, base, l, r)];
            if (p >= 0) return p;
        }
        return base;
    }
}
