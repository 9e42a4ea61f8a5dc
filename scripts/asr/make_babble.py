"""Makes babble noise for training the neural acoustic model from real TRAINING speech: each file is
the sum of 3-8 talkers (different speakers, each a run of that speaker's utterances from a random
start), each talker at its own level (+-6 dB) with a slow level drift, and some files reverberated with
one real room response. Deterministic for a given seed; writes 16 kHz 16-bit mono WAV files.

The commands-dev recordings, the measuring noises and the held-out speakers are never read:
  - speechocean762: only its train/ half is given (StudentTrainingData's development speakers are
    all in test/);
  - LibriSpeech (scripts/prepare-corpora.sh's speech/librispeech): only the train-clean-100 speakers,
    which prepare-corpora.sh keeps one excerpt each of; the test-other speakers (ten excerpts each)
    are skipped.

Usage: /usr/bin/python3 scripts/asr/make_babble.py OUT --speechocean SO762/train --librispeech LIBRI
       --rir RIR_DIR [--files N] [--seconds S] [--reverb FRACTION] [--seed N]
"""
import argparse
import glob
import os

import numpy as np
import scipy.io.wavfile as wavfile
import scipy.signal

RATE = 16000


def read(path):
    rate, x = wavfile.read(path)
    if rate != RATE or x.dtype != np.int16 or x.ndim != 1:
        raise SystemExit(f"{path}: expected 16 kHz 16-bit mono")
    return x.astype(np.float64)


def speakers(args):
    """{speaker: [wav paths]} of the training speakers only."""
    out = {}
    for d in sorted(glob.glob(os.path.join(args.speechocean, "*"))):
        wavs = sorted(glob.glob(os.path.join(d, "*.wav")))
        if wavs:
            out["so762-" + os.path.basename(d)] = wavs
    for d in sorted(glob.glob(os.path.join(args.librispeech, "*"))):
        wavs = sorted(glob.glob(os.path.join(d, "*.wav")))
        if len(wavs) == 1:  # train-clean-100: one excerpt per speaker; test-other speakers have ten
            out["libri-" + os.path.basename(d)] = wavs
    return out


def talker(rng, wavs, n):
    """n samples of one speaker: utterances in a random order from a random one, looped."""
    order = rng.permutation(len(wavs))
    parts, total = [], 0
    while total < n + RATE:
        for i in order:
            x = read(wavs[i])
            x = x / (np.sqrt(np.mean(x ** 2)) + 1e-9)
            gap = np.zeros(int(rng.uniform(0.05, 0.6) * RATE))
            parts += [x, gap]
            total += len(x) + len(gap)
    x = np.concatenate(parts)
    start = int(rng.integers(0, len(x) - n))
    return x[start:start + n]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--speechocean", required=True, help="speechocean762's train/ half (SPEAKER/UTT.wav)")
    ap.add_argument("--librispeech", required=True, help="prepare-corpora.sh's speech/librispeech")
    ap.add_argument("--rir", required=True, help="room impulse responses (WAV, 16 kHz)")
    ap.add_argument("--files", type=int, default=24)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--reverb", type=float, default=0.5, help="fraction of the files reverberated")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    spk = speakers(args)
    names = sorted(spk)
    rir_paths = sorted(glob.glob(os.path.join(args.rir, "*.wav")))
    rirs = [read(p) for p in rir_paths]
    os.makedirs(args.out, exist_ok=True)
    n = int(args.seconds * RATE)
    t = np.arange(n) / n
    print(f"{len(names)} training speakers, {len(rirs)} room responses", flush=True)
    for k in range(args.files):
        talkers = int(rng.integers(3, 9))
        chosen = rng.choice(len(names), size=talkers, replace=False)
        mix = np.zeros(n)
        for c in chosen:
            level = 10 ** (rng.uniform(-6, 6) / 20)
            drift = 10 ** (rng.uniform(-4, 4) * np.sin(2 * np.pi * (rng.uniform(0.05, 0.3) * t * args.seconds
                                                                     + rng.uniform())) / 20)
            mix += level * drift * talker(rng, spk[names[c]], n)
        room = "-"
        if rirs and rng.uniform() < args.reverb:
            r = int(rng.integers(len(rirs)))
            h = rirs[r] / np.max(np.abs(rirs[r]))
            mix = scipy.signal.fftconvolve(mix, h)[:n]
            room = os.path.basename(rir_paths[r])
        mix *= 0.1 * 32767 / (np.sqrt(np.mean(mix ** 2)) + 1e-9)
        peak = np.max(np.abs(mix))
        if peak > 32000:
            mix *= 32000 / peak
        name = f"babble-{k:02d}.wav"
        wavfile.write(os.path.join(args.out, name), RATE, np.round(mix).astype(np.int16))
        print(f"{name}\t{talkers} talkers\t{room}\t" + ",".join(names[c] for c in chosen), flush=True)


if __name__ == "__main__":
    main()
