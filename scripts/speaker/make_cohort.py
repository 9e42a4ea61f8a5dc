"""Writes the impostor cohort audio for Hark's score normalisation: 16 kHz WAVs plus manifest.tsv.

The cohort is made of the training material's speakers (make_corpus.py: 25 flite and 90 espeak-ng
voices with pitch shifts, 10 pitch-shifted pocketsphinx-testdata speakers), with new sentences (another
seed), 3 utterances of about 3 s per speaker; FSDD is never read. Deterministic like make_corpus.py.
make_cohort.sh embeds the clips with the shipped model and writes the cohort resource.

Usage: /usr/bin/python3 scripts/speaker/make_cohort.py OUT_DIR
"""
import os
import random
import sys

import make_corpus as mc

SEED = 20261128
UTTERANCES_PER_SPEAKER = 3


def sentence(rng):
    return " ".join(rng.choice(mc.WORDS) for _ in range(rng.randint(8, 12)))


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    tmp = os.path.join(out, "tmp.wav")
    rows = []

    def synth(spk, make_raw, cents):
        for u in range(UTTERANCES_PER_SPEAKER):
            make_raw(sentence(rng))
            dst = os.path.join(out, f"{spk}_{u}.wav")
            mc.post(tmp, dst, cents, 1.0)
            rows.append((spk, os.path.basename(dst)))

    for voice in mc.FLITE_VOICES:
        for cents in mc.FLITE_SHIFTS:
            synth(f"flite-{voice}{cents:+d}", lambda t, v=voice: mc.run(["flite", "-voice", v, "-t", t, "-o", tmp]), cents)
    for variant in mc.ESPEAK_VARIANTS:
        for cents in mc.ESPEAK_SHIFTS:
            synth(f"espeak-{variant}{cents:+d}",
                  lambda t, v=variant: mc.run(["espeak-ng", "-v", f"en-us+{v}", "-w", tmp, t]), cents)
    for name, files in mc.REAL_SOURCES.items():
        for cents in mc.REAL_SHIFTS:
            spk = f"real-{name}{cents:+d}"
            for u, f in enumerate(files[:UTTERANCES_PER_SPEAKER]):
                mc.run(["sox", "-D", f, tmp, "trim", "0", "3"])
                dst = os.path.join(out, f"{spk}_{u}.wav")
                mc.post(tmp, dst, cents, 1.0)
                rows.append((spk, os.path.basename(dst)))
    os.remove(tmp)
    with open(os.path.join(out, "manifest.tsv"), "w") as m:
        for r in rows:
            m.write("\t".join(r) + "\n")
    print(f"{len(rows)} clips, {len({r[0] for r in rows})} speakers in {out}")


if __name__ == "__main__":
    main(sys.argv[1])
