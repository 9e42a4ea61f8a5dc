"""Trains the neural half of Hark's default speaker model (export.py makes the ONNX file).

A small TDNN (x-vector style): four 1-D convolutions over 80 log-mel bins, mean+std statistics
pooling, a 128-dim linear embedding; trained with additive angular margin softmax over the
speakers of the corpus written by make_corpus.py. Deterministic: fixed seeds, one thread.

Usage: /usr/bin/python3 scripts/speaker/train.py CORPUS_DIR OUT.pt
"""
import math
import os
import random
import sys
import wave

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import fbank  # noqa: E402

SEED = 7
CONFIG = os.path.join(os.path.dirname(__file__), "../../speaker/src/main/resources/dev/hark/speaker/speaker-model.json")
CROP = 200          # frames (2 s) per training example
BATCH = 64
STEPS = int(os.environ.get("HARK_SPEAKER_STEPS", "1500"))
CHANNELS = 128
EMBEDDING = 128
AUGMENT = True


class SpeakerTdnn(nn.Module):
    """[1, T, 80] mean-normalised log-mel frames -> [1, 128] speaker embedding."""

    def __init__(self, n_mels=80, c=CHANNELS, emb=EMBEDDING):
        super().__init__()
        self.convs = nn.ModuleList([
            nn.Conv1d(n_mels, c, 5, padding=2),
            nn.Conv1d(c, c, 3, dilation=2, padding=2),
            nn.Conv1d(c, c, 3, dilation=3, padding=3),
            nn.Conv1d(c, 2 * c, 1),
        ])
        self.norms = nn.ModuleList([nn.BatchNorm1d(c), nn.BatchNorm1d(c), nn.BatchNorm1d(c), nn.BatchNorm1d(2 * c)])
        self.fc = nn.Linear(4 * c, emb)

    def forward(self, feats):
        x = feats.transpose(1, 2)
        for conv, norm in zip(self.convs, self.norms):
            x = F.relu(norm(conv(x)))
        mean = x.mean(dim=2)
        var = (x * x).mean(dim=2) - mean * mean
        std = torch.sqrt(torch.clamp(var, min=1e-5))
        return self.fc(torch.cat([mean, std], dim=1))


class AamSoftmax(nn.Module):
    def __init__(self, emb, n_classes, scale=30.0):
        super().__init__()
        self.w = nn.Parameter(torch.randn(n_classes, emb) * 0.01)
        self.scale = scale

    def forward(self, e, labels, margin):
        cos = F.linear(F.normalize(e), F.normalize(self.w)).clamp(-1 + 1e-7, 1 - 1e-7)
        theta = torch.acos(cos)
        target = torch.cos(theta + margin)
        onehot = F.one_hot(labels, cos.shape[1]).bool()
        logits = torch.where(onehot, target, cos) * self.scale
        return F.cross_entropy(logits, labels), (cos.argmax(1) == labels).float().mean()


def read_wav(path):
    with wave.open(path) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768.0


def load_corpus(corpus, cfg, rng):
    """Two copies of each clip: clean, and with white noise at 5-25 dB SNR."""
    fb = fbank.mel_filters(cfg)
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(corpus, "manifest.tsv"))]
    speakers = sorted({r[0] for r in rows})
    index = {s: i for i, s in enumerate(speakers)}
    feats, labels = [], []
    for spk, name, _ in rows:
        x = read_wav(os.path.join(corpus, name))
        power = np.mean(x * x) + 1e-12
        snr = rng.uniform(5, 25)
        noisy = x + rng.normal(0, math.sqrt(power / 10 ** (snr / 10)), len(x))
        for sig in (x, noisy):
            f = fbank.features(sig, cfg, fb)
            if len(f) >= 50:
                feats.append(f)
                labels.append(index[spk])
    return feats, np.array(labels), speakers


def batch(feats, labels, rng):
    """Random crops of 1-3 s (one length per batch), mean-normalised, with SpecAugment-style masks:
    two bands of up to 8 mel bins and two spans of up to 20 frames set to zero (the mean)."""
    crop_len = rng.randrange(CROP // 2, CROP * 3 // 2 + 1)
    out = np.zeros((BATCH, crop_len, feats[0].shape[1]), dtype=np.float32)
    lab = np.zeros(BATCH, dtype=np.int64)
    for b in range(BATCH):
        i = rng.randrange(len(feats))
        f = feats[i]
        while len(f) < crop_len:
            f = np.concatenate([f, f])
        s = rng.randrange(len(f) - crop_len + 1)
        crop = f[s:s + crop_len]
        crop = crop - crop.mean(axis=0, keepdims=True)
        if AUGMENT:
            for _ in range(2):
                w = rng.randrange(9)
                m0 = rng.randrange(crop.shape[1] - w + 1)
                crop[:, m0:m0 + w] = 0
                w = rng.randrange(21)
                t0 = rng.randrange(crop_len - w + 1)
                crop[t0:t0 + w, :] = 0
        out[b] = crop
        lab[b] = labels[i]
    return torch.from_numpy(out), torch.from_numpy(lab)


def main(corpus, out_path):
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    cfg = fbank.load_config(CONFIG)
    feats, labels, speakers = load_corpus(corpus, cfg, np.random.RandomState(SEED))
    print(f"{len(feats)} examples, {len(speakers)} speakers", flush=True)
    rng = random.Random(SEED)
    model = SpeakerTdnn()
    head = AamSoftmax(EMBEDDING, len(speakers))
    opt = torch.optim.Adam(list(model.parameters()) + list(head.parameters()), lr=2e-3, weight_decay=1e-5)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=STEPS, pct_start=0.1)
    model.train()
    for step in range(STEPS):
        x, y = batch(feats, labels, rng)
        margin = 0.2 * min(1.0, step / (STEPS * 0.3))
        loss, acc = head(model(x), y, margin)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 100 == 0 or step == STEPS - 1:
            print(f"step {step} loss {loss.item():.3f} acc {acc.item():.3f}", flush=True)
    torch.save(model.state_dict(), out_path)
    print(f"wrote {out_path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
