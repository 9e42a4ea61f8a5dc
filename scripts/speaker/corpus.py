"""The real speech Hark's speaker model learns from, and its split by speaker.

A corpus folder holds one folder per speaker with that speaker's WAV files (16 kHz mono 16-bit, as
scripts/prepare-corpora.sh writes them); speaker folders may sit one level deeper (speechocean762's
train/ and test/). A speaker is named CORPUS/SPEAKER, CORPUS being the corpus folder's name.

The split is by speaker, so that no test or development speaker is ever heard in training, and it is
deterministic (it depends on nothing but the corpus and speaker names):
  * a speaker with fewer than MIN_EVAL_RECORDINGS recordings cannot be enrolled on some recordings
    and tested on others: train (all LibriSpeech train-clean excerpts, one recording each);
  * LibriSpeech's multi-recording speakers are its own held-out test-other speakers: test;
  * every other speaker is placed by a hash of its name: TEST_SHARE of them test, DEV_SHARE
    development (where the threshold is calibrated and the training run is checked), the rest train.

Usage: /usr/bin/python3 scripts/speaker/corpus.py OUT CORPUS_DIR...
writes OUT/split.tsv (speaker, split, recordings, seconds) and the development and test speakers as
labelled folders for `hark speaker evaluate`: OUT/dev/SPEAKER/*.wav and OUT/test/SPEAKER/*.wav
(symbolic links to the corpus files), and OUT/dev-8k/, OUT/test-8k/ (the same recordings
band-limited to telephone quality by sox: 8 kHz, like FSDD).
"""
import hashlib
import os
import subprocess
import sys
import wave

MIN_EVAL_RECORDINGS = 4
TEST_SHARE = 0.16
DEV_SHARE = 0.10
HELD_OUT_CORPORA = {"librispeech"}   # corpora whose multi-recording speakers are their own test set


class Speaker:
    def __init__(self, corpus, name, files):
        self.corpus = corpus
        self.name = name
        self.files = sorted(files)

    @property
    def id(self):
        return f"{self.corpus}/{self.name}"


def discover(dirs):
    """Every speaker folder (a folder holding .wav files) under each corpus folder, sorted by id."""
    speakers = []
    for d in dirs:
        corpus = os.path.basename(os.path.normpath(d))
        for root, subdirs, files in os.walk(d):
            subdirs.sort()
            wavs = [os.path.join(root, f) for f in files if f.endswith(".wav")]
            if wavs:
                speakers.append(Speaker(corpus, os.path.basename(root), wavs))
    ids = [s.id for s in speakers]
    if len(set(ids)) != len(ids):
        raise SystemExit("corpus.py: two speaker folders of one corpus share a name")
    if not speakers:
        raise SystemExit(f"corpus.py: no speaker folders with WAV files under {' '.join(dirs)}")
    return sorted(speakers, key=lambda s: s.id)


def hash_share(speaker_id):
    """A number in [0, 1) fixed by the speaker's name alone."""
    h = hashlib.sha256(("hark-speaker-split/" + speaker_id).encode()).digest()
    return int.from_bytes(h[:8], "big") / 2 ** 64


def split_of(s):
    if len(s.files) < MIN_EVAL_RECORDINGS:
        return "train"
    if s.corpus in HELD_OUT_CORPORA:
        return "test"
    u = hash_share(s.id)
    return "test" if u < TEST_SHARE else "dev" if u < TEST_SHARE + DEV_SHARE else "train"


def seconds(path):
    with wave.open(path) as w:
        return w.getnframes() / w.getframerate()


def main(out, dirs):
    speakers = discover(dirs)
    os.makedirs(out, exist_ok=True)
    rows = []
    for s in speakers:
        part = split_of(s)
        rows.append((s.id, part, str(len(s.files)), f"{sum(seconds(f) for f in s.files):.1f}"))
        if part == "train":
            continue
        label = s.id.replace("/", "-")
        for f in s.files:
            link = os.path.join(out, part, label, os.path.basename(f))
            if not os.path.lexists(link):
                os.makedirs(os.path.dirname(link), exist_ok=True)
                os.symlink(os.path.abspath(f), link)
            narrow = os.path.join(out, part + "-8k", label, os.path.basename(f))
            if not os.path.exists(narrow):
                os.makedirs(os.path.dirname(narrow), exist_ok=True)
                subprocess.run(["sox", "-D", f, "-r", "8000", narrow], check=True)
    with open(os.path.join(out, "split.tsv"), "w") as o:
        o.write("speaker\tsplit\trecordings\tseconds\n")
        for r in rows:
            o.write("\t".join(r) + "\n")
    for part in ("train", "dev", "test"):
        n = [r for r in rows if r[1] == part]
        print(f"{part}: {len(n)} speakers, {sum(int(r[2]) for r in n)} recordings, "
              f"{sum(float(r[3]) for r in n) / 3600:.2f} h")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__.split("\n\n")[-1])
    main(sys.argv[1], sys.argv[2:])
