"""Writes the training corpus of Hark's speaker model: 16 kHz mono WAVs plus manifest.tsv.

Deterministic (fixed seed, fixed voice lists, sox without dither). Speakers:
  * synthetic, flite: voices kal, kal16, awb, rms, slt, each at sox pitch shifts of
    -400, -200, 0, +200, +400 cents (a pitch shift moves formants too, so each is a new voice)
  * synthetic, espeak-ng: en-us with 30 voice variants, each at -300, 0, +300 cents
  * real, pocketsphinx-testdata: the librivox reader and the cards speaker, each at
    -300, -150, 0, +150, +300 cents, cut into 2 s segments
Every clip then passes through 8 kHz and back to 16 kHz, so that training audio has the same band
as the held-out real recordings (FSDD is 8 kHz). The held-out evaluation speakers (FSDD george,
jackson, nicolas, theo) are never read here.

Usage: /usr/bin/python3 scripts/speaker/make_corpus.py OUT_DIR
"""
import os
import random
import subprocess
import sys
import wave

SEED = 20261127
FLITE_VOICES = ["kal", "kal16", "awb", "rms", "slt"]
FLITE_SHIFTS = [-400, -200, 0, 200, 400]
ESPEAK_VARIANTS = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "f1", "f2", "f3", "f4", "f5",
                   "Alex", "Andy", "Annie", "belinda", "benjamin", "caleb", "david", "edward",
                   "grandma", "grandpa", "iven", "john", "linda", "max", "michel", "norbert", "paul"]
ESPEAK_SHIFTS = [-300, 0, 300]
REAL_SHIFTS = [-300, -150, 0, 150, 300]
PS_DATA = "/usr/share/pocketsphinx/test/data"
REAL_SOURCES = {
    "librivox": [f"{PS_DATA}/librivox/sense_and_sensibility_01_austen_64kb-{n}.wav"
                 for n in ("0870", "0880", "0890", "0920", "0930")],
    "cards": [f"{PS_DATA}/cards/00{n}.wav" for n in range(1, 6)],
}
UTTERANCES_PER_SYNTHETIC_SPEAKER = 24
WORDS = ("zero one two three four five six seven eight nine ten eleven twelve twenty thirty "
         "hello hark hey please turn on off the lights kitchen living room bedroom lamp music "
         "play stop pause next song volume up down set a timer for minutes seconds hours what "
         "time is it weather today tomorrow morning evening remind me to call mother father "
         "open close window door garage how much longer cancel my alarm wake at seven thirty "
         "good night thank you yes no maybe later again start again louder quieter brighter "
         "darker warmer colder degrees temperature heating coffee tea dinner breakfast shopping "
         "list add milk bread eggs butter apples remove clear read news story joke sing").split()


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def sentence(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10)))


def post(src, dst, cents, tempo):
    """Pitch shift, tempo change, telephone band (8 kHz round trip), 16 kHz 16-bit mono."""
    effects = ["remix", "-", "rate", "16000"]
    if cents:
        effects += ["pitch", str(cents)]
    if abs(tempo - 1.0) > 1e-6:
        effects += ["tempo", "-s", f"{tempo:.3f}"]
    effects += ["rate", "8000", "rate", "16000", "norm", "-3"]
    run(["sox", "-D", src, "-b", "16", "-e", "signed", "-c", "1", dst] + effects)


def duration(path):
    with wave.open(path) as w:
        return w.getnframes() / w.getframerate()


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    tmp = os.path.join(out, "tmp.wav")
    rows = []

    def synth_speaker(spk, make_raw, cents):
        for u in range(UTTERANCES_PER_SYNTHETIC_SPEAKER):
            text = sentence(rng)
            tempo = rng.uniform(0.9, 1.1)
            make_raw(text, tempo)
            dst = os.path.join(out, f"{spk}_{u:02d}.wav")
            post(tmp, dst, cents, 1.0)
            rows.append((spk, os.path.basename(dst), text))

    for voice in FLITE_VOICES:
        for cents in FLITE_SHIFTS:
            def flite(text, tempo, voice=voice):
                run(["flite", "-voice", voice, "--setf", f"duration_stretch={1 / tempo:.3f}",
                     "-t", text, "-o", tmp])
            synth_speaker(f"flite-{voice}{cents:+d}", flite, cents)
    for variant in ESPEAK_VARIANTS:
        for cents in ESPEAK_SHIFTS:
            def espeak(text, tempo, variant=variant):
                run(["espeak-ng", "-v", f"en-us+{variant}", "-s", str(int(165 * tempo)), "-w", tmp, text])
            synth_speaker(f"espeak-{variant}{cents:+d}", espeak, cents)
    for name, files in REAL_SOURCES.items():
        for cents in REAL_SHIFTS:
            spk = f"real-{name}{cents:+d}"
            seg = 0
            for f in files:
                total = duration(f)
                start = 0.0
                while start + 1.0 <= total:
                    length = min(2.0, total - start)
                    run(["sox", "-D", f, tmp, "trim", f"{start:.3f}", f"{length:.3f}"])
                    dst = os.path.join(out, f"{spk}_{seg:02d}.wav")
                    post(tmp, dst, cents, 1.0)
                    rows.append((spk, os.path.basename(dst), os.path.basename(f)))
                    seg += 1
                    start += 2.0
    os.remove(tmp)
    with open(os.path.join(out, "manifest.tsv"), "w") as m:
        for r in rows:
            m.write("\t".join(r) + "\n")
    print(f"{len(rows)} clips, {len({r[0] for r in rows})} speakers in {out}")


if __name__ == "__main__":
    main(sys.argv[1])
