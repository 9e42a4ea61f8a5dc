"""Writes the reference that SpeakerModelTest compares the Java frontend and ONNX model against:
fbank.py's features (every 10th frame) and the exported PyTorch module's embedding of one real
recording (pocketsphinx-testdata's cards/001.wav, a speaker no training script reads).

Usage: /usr/bin/python3 scripts/speaker/export_reference.py EXPORTED.onnx.pt OUT.json  (export.py's .pt)
"""
import json
import os
import sys
import wave

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import fbank  # noqa: E402
from train import CONFIG  # noqa: E402

FILE = "/usr/share/pocketsphinx/test/data/cards/001.wav"


def main(model_path, out):
    cfg = fbank.load_config(CONFIG)
    with wave.open(FILE) as w:
        assert w.getframerate() == cfg["sample_rate"] and w.getnchannels() == 1
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768.0
    f = fbank.features(x, cfg)
    model = torch.load(model_path)
    model.eval()
    with torch.no_grad():
        e = model(torch.from_numpy(f)[None])[0].numpy()
    ref = {"file": FILE, "frames": int(len(f)),
           "fbank_every_10th_frame": [[round(float(v), 5) for v in row] for row in f[::10]],
           "embedding": [round(float(v), 6) for v in e]}
    with open(out, "w") as o:
        json.dump(ref, o)
    print(f"wrote {out}: {len(f)} frames")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
