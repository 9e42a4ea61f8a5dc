"""Quick check of trained weights on held-out speakers, in Python (the reported figures come from
`hark speaker evaluate`, which runs the shipped ONNX files): raw-cosine equal error rate of
segments of 1, 2 and 3 s against profiles from each speaker's first 3 recordings (2 s of each), over
one or more labelled folders (SPEAKER/*.wav, e.g. corpus.py's dev/ and dev-8k/).

Usage: /usr/bin/python3 scripts/speaker/dev_check.py MODEL.pt FOLDER...
"""
import os
import sys
import wave

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import fbank  # noqa: E402
from export import load  # noqa: E402
from train import CONFIG  # noqa: E402

ENROLL_RECORDINGS = 3
ENROLL_SECONDS = 2.0


def read(path):
    with wave.open(path) as w:
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768.0
        rate = w.getframerate()
    if rate != 16000:
        from scipy.signal import resample_poly
        x = resample_poly(x, 16000, rate)
    return x


def eer(scores, targets):
    order = np.argsort(-scores)
    t = targets[order]
    fr = 1 - np.cumsum(t) / t.sum()
    fa = np.cumsum(1 - t) / (1 - t).sum()
    i = int(np.argmin(np.abs(fr - fa)))
    return (fr[i] + fa[i]) / 2


def main(pt, folders):
    cfg = fbank.load_config(CONFIG)
    fb = fbank.mel_filters(cfg)
    model = load(pt)

    def embed(x):
        f = fbank.features(x, cfg, fb)
        with torch.no_grad():
            e = model(torch.from_numpy(f)[None])[0].numpy()
        return e / np.linalg.norm(e)

    for folder in folders:
        speakers = sorted(os.listdir(folder))
        profiles, tests = [], {1: [], 2: [], 3: []}
        for si, s in enumerate(speakers):
            files = sorted(os.listdir(os.path.join(folder, s)))
            audio = [read(os.path.join(folder, s, f)) for f in files]
            e = np.mean([embed(a[:int(ENROLL_SECONDS * 16000)]) for a in audio[:ENROLL_RECORDINGS]], axis=0)
            profiles.append(e / np.linalg.norm(e))
            for a in audio[ENROLL_RECORDINGS:]:
                for sec in tests:
                    n = sec * 16000
                    for k in range(len(a) // n):
                        tests[sec].append((si, embed(a[k * n:(k + 1) * n])))
        p = np.stack(profiles)
        line = []
        for sec, items in tests.items():
            scores = np.concatenate([p @ e for _, e in items])
            targets = np.concatenate([(np.arange(len(p)) == si).astype(np.float64) for si, _ in items])
            ident = np.mean([np.argmax(p @ e) == si for si, e in items])
            line.append(f"{sec} s: EER {100 * eer(scores, targets):.2f} % ident {100 * ident:.1f} % ({len(items)})")
        print(f"{folder}: {len(speakers)} speakers; " + "; ".join(line), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
