"""Writes the impostor cohort of Hark's score normalisation (AS-norm, ScoreNormaliser.java): one
embedding per real TRAINING speaker (corpus.py's split; never a development or test speaker, never
FSDD), float32 little-endian, in speaker-id order.

A speaker's cohort embedding is the unit-length mean of the embeddings of up to SEGMENTS pieces of
SECONDS of their recordings (in file order, each piece also band-limited to 8 kHz, so that the cohort
covers telephone-band audio as the test audio may be), made by the exported network (export.py's
.onnx.pt, which computes what the ONNX file computes) on fbank.py's features, which Hark's Java
frontend reproduces.

Usage: /usr/bin/python3 scripts/speaker/make_cohort.py EXPORTED.onnx.pt OUT.f32 CORPUS_DIR...
"""
import os
import sys

import numpy as np
import torch
from scipy.signal import resample_poly

sys.path.insert(0, os.path.dirname(__file__))
import augment  # noqa: E402
import fbank  # noqa: E402
import train  # noqa: E402

SEGMENTS = 4
SECONDS = 3.0


def main(pt, out, dirs):
    torch.set_num_threads(1)
    cfg = fbank.load_config(train.CONFIG)
    fb = fbank.mel_filters(cfg)
    model = torch.load(pt)
    model.eval()
    n = int(SECONDS * 16000)
    rows = []
    for _, files in train.training_speakers(dirs):
        audio = np.concatenate([augment.trim(augment.read_wav(f)) for f in files]).astype(np.float64) / 32768.0
        pieces = [audio[i:i + n] for i in range(0, max(1, len(audio) - n + 1), n)][:SEGMENTS]
        pieces += [resample_poly(resample_poly(p, 1, 2), 2, 1) for p in pieces]
        with torch.no_grad():
            e = [model(torch.from_numpy(fbank.features(p, cfg, fb))[None])[0].numpy() for p in pieces]
        m = np.mean([v / np.linalg.norm(v) for v in e], axis=0)
        rows.append(m / np.linalg.norm(m))
    np.asarray(rows, dtype="<f4").tofile(out)
    print(f"{len(rows)} cohort speakers -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
