"""Development check of a trained speaker network (or the untrained statistics baseline) on FSDD.

The protocol is the one SpeakerBenchmark runs in Java on the ONNX model (see
docs/benchmarks/speaker.md): per speaker, repetitions 0-9 make 5 enrollment utterances of >= 3 s,
repetitions 20-49 make the test utterances of >= 1 s and >= 3 s (clips concatenated in order).
Expects FSDD converted to 16 kHz in FSDD16 (sox FILE -r 16000 OUT).

Usage: /usr/bin/python3 scripts/speaker/eval_fsdd.py FSDD16_DIR (MODEL.pt | baseline)
"""
import os
import sys
import wave

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import fbank  # noqa: E402
from train import CONFIG, SpeakerTdnn  # noqa: E402

SPEAKERS = ["george", "jackson", "nicolas", "theo"]


def read(path):
    with wave.open(path) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768.0


def utterances(d, spk, reps, seconds):
    out, cur = [], []
    for r in reps:
        for digit in range(10):
            cur.append(read(os.path.join(d, f"{digit}_{spk}_{r}.wav")))
            if sum(len(c) for c in cur) >= seconds * 16000:
                out.append(np.concatenate(cur))
                cur = []
    return out


def eer(scores, targets):
    order = np.argsort(-scores)
    t = targets[order]
    fr = 1 - np.cumsum(t) / t.sum()
    fa = np.cumsum(1 - t) / (1 - t).sum()
    i = np.argmin(np.abs(fr - fa))
    return (fr[i] + fa[i]) / 2, scores[order][i]


def main(d, model_path):
    cfg = fbank.load_config(CONFIG)
    fb = fbank.mel_filters(cfg)
    if model_path == "baseline":
        def embed(x):
            f = fbank.frames_log_mel(x, cfg, fb)
            sel = fbank.select_and_normalise(*f, cfg) + 0  # noqa
            lm, e = f
            keep = e >= e.max() - cfg["vad_db_below_max"]
            return np.concatenate([lm[keep].mean(0), lm[keep].std(0)])
    else:
        model = SpeakerTdnn()
        model.load_state_dict(torch.load(model_path))
        model.eval()

        def embed(x):
            with torch.no_grad():
                return model(torch.from_numpy(fbank.features(x, cfg, fb))[None])[0].numpy()

    def unit(v):
        return v / np.linalg.norm(v)

    profiles = np.stack([unit(np.mean([unit(embed(u)) for u in utterances(d, s, range(0, 10), 3.0)[:5]], 0))
                         for s in SPEAKERS])
    for seconds in (1.0, 3.0):
        scores, targets, correct, n = [], [], 0, 0
        for si, s in enumerate(SPEAKERS):
            for u in utterances(d, s, range(20, 50), seconds):
                sc = profiles @ unit(embed(u))
                scores.extend(sc)
                targets.extend([1 if j == si else 0 for j in range(len(SPEAKERS))])
                correct += int(np.argmax(sc) == si)
                n += 1
        e, thr = eer(np.array(scores), np.array(targets, dtype=np.float64))
        print(f"{seconds:.0f} s: {n} tests, identification {correct / n:.3f}, EER {e:.3f} at {thr:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
