"""Writes the reference the Java tests compare the ONNX student against: the PyTorch model's scores
(log posterior - log prior per CI state, whole utterance, edges replicated as in training) on the
features Hark computes for one recording (written by the Java main ReferenceFeatures).

Usage: /usr/bin/python3 scripts/asr/export_reference.py MODEL.pt FEATURES.f32 NAME OUT.json
"""
import json
import sys

import numpy as np
import torch

import student as S

EVERY = 5


def main(model_pt, feats_file, name, out):
    ckpt = torch.load(model_pt, map_location="cpu")
    model = S.Student(ckpt["classes"], ckpt["hidden"], ckpt["mean"], ckpt["std"])
    model.load_state_dict(ckpt["state"])
    model.eval()
    feats = np.fromfile(feats_file, dtype="<f4").reshape(-1, S.DIM)
    n = len(feats)
    idx = S.window_index(np.array([0]), np.array([n]), np.array([0]), n, S.right_of(ckpt))
    with torch.no_grad():
        x = torch.from_numpy(feats[idx]).transpose(1, 2)
        scores = torch.log_softmax(model(x), 1)[0].T.numpy() - ckpt["log_prior"][None, :]
    ref = {
        "recording": name,
        "frames": n,
        "feature_sum": float(feats.astype(np.float64).sum()),
        "argmax": scores.argmax(1).tolist(),
        "every": EVERY,
        "scores": [[round(float(v), 5) for v in scores[t]] for t in range(0, n, EVERY)],
    }
    with open(out, "w") as f:
        json.dump(ref, f, separators=(",", ":"))
        f.write("\n")
    print(f"{out}: {n} frames, {len(ref['scores'])} score rows")


if __name__ == "__main__":
    main(*sys.argv[1:5])
