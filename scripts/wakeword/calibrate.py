"""Measures the activation ranges that static int8 quantisation of the openWakeWord embedding model
needs: the range of the input and the output of every Conv of embedding_model.onnx, over real speech
and real noise (mel features from melspectrogram.onnx, windows as Hark cuts them), and writes them as
JSON for scripts/speaker/quantize.py --static.

Calibration audio is only read here, at development time; the committed JSON (a few kB of numbers)
is what setup uses, so a device needs no corpus to derive the int8 models. Never calibrate on the
recordings the int8 models are judged on (docs/benchmarks/wakeword.md says which those are).

Usage: /usr/bin/python3 scripts/wakeword/calibrate.py MODELS_DIR OUT.json "WHAT THE AUDIO IS" WAV_OR_DIR...

models/openwakeword-int8-ranges.json was made from a folder of links to the first 56 LibriSpeech
train-clean excerpts (speaker folders with one file, in sorted order, of prepare-corpora.sh's
speech/librispeech) and noise/train; the first 20 s of each file are read.
"""
import hashlib
import json
import os
import sys

import numpy as np
import soundfile as sf
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import onnx_torch  # noqa: E402

MEL_WINDOW, MEL_STEP = 76, 8
# long noise recordings add nothing after a while: the first 20 s of each file
MAX_SECONDS = 20


def wavs(paths):
    for p in paths:
        if os.path.isdir(p):
            for d, _, files in sorted(os.walk(p)):
                for f in sorted(files):
                    if f.endswith(".wav"):
                        yield os.path.join(d, f)
        else:
            yield p


def conv_tensors(graph):
    """Input and output names of every Conv, in graph order."""
    names = []
    for n in graph.nodes:
        if n.op_type == "Conv":
            names += [n.input[0], n.output[0]]
    return names


def main(models, out, about, sources):
    mel = onnx_torch.Graph(os.path.join(models, "melspectrogram.onnx"))
    emb = onnx_torch.Graph(os.path.join(models, "embedding_model.onnx"))
    ranges = {"embedding_model.onnx": {}}
    watch = {"embedding_model.onnx": conv_tensors(emb)}

    def note(model, tensors):
        r = ranges[model]
        for name in watch[model]:
            v = tensors[name]
            lo, hi = float(v.min()), float(v.max())
            old = r.get(name, [lo, hi])
            r[name] = [min(old[0], lo), max(old[1], hi)]

    files = list(wavs(sources))
    windows = 0
    with torch.no_grad():
        for path in files:
            x, rate = sf.read(path, dtype="int16")
            if rate != 16000 or x.ndim != 1:
                raise SystemExit(f"{path}: need 16 kHz mono (scripts/prepare-corpora.sh makes such files)")
            m = mel.run(x[None, :MAX_SECONDS * rate].astype(np.float32))[mel.output][0, 0] / 10 + 2
            starts = list(range(0, m.shape[0] - MEL_WINDOW + 1, MEL_STEP))
            if not starts:
                continue
            batch = torch.stack([m[s:s + MEL_WINDOW] for s in starts])[..., None]
            note("embedding_model.onnx", emb.run(batch))
            windows += len(starts)

    def sha(name):
        with open(os.path.join(models, name), "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()

    doc = {
        "about": "activation ranges (min, max) of every Conv input and output of the openWakeWord embedding model, "
                 "for static int8 quantisation by scripts/speaker/quantize.py --static; measured by "
                 "scripts/wakeword/calibrate.py",
        "calibration": {"files": len(files), "embedding_windows": windows, "audio": about},
        "models": {name: {"sha256": sha(name), "ranges": r} for name, r in ranges.items()},
    }
    with open(out, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{out}: ranges of {sum(len(r) for r in ranges.values())} tensors from {len(files)} files, {windows} embedding windows")


if __name__ == "__main__":
    if len(sys.argv) < 5:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
