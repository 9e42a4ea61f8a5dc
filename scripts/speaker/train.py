"""Trains Hark's speaker embedding network (model.py) on the training speakers of real corpora.

Speakers come from the corpus folders and their split (corpus.py: only the "train" part is read);
examples are made on the fly by augment.py in one worker process (real noise, real and synthetic
room responses, speed and pitch perturbation, telephone band) while the main process trains. Loss:
additive angular margin softmax (scale 30, margin ramped from 0 to 0.2 over the first fifth of the
run) over every training speaker at each of 3 speeds. Adam with a one-cycle learning rate, batches of
BATCH crops of 1-2.2 s (one length per batch). Deterministic: fixed seeds, one thread per process,
one example worker.

Stages (scripts/speaker-model.sh runs three: the first, then the second twice, each from the one before):
  train.py OUT.pt ...                the one-cycle schedule of STEPS steps;
  train.py OUT.pt --init IN.pt ...   from IN.pt's network, a fresh AAM head set to each class's mean
                                     embedding, then FINETUNE_STEPS steps with the learning rate
                                     decaying from FINETUNE_LR to 0 (cosine), the margin at MARGIN;
--steps N replaces STEPS (or FINETUNE_STEPS); --stop N ends either schedule after its first N steps; --start N
begins it at step N (learning rate and margin as they are there: with --init, the rest of an annealing
schedule that an earlier run cut at N); --seed N sets the example stream (default: one per kind of stage); --channel adds augment.py's recording-channel
augmentation (random equaliser, microphone band and self-noise, distortion, level drift).
The later stages exist because a 2-core machine shared with other work could not finish the whole
one-cycle schedule in the time it had; each anneals the weights the stage before reached.

Usage: /usr/bin/python3 scripts/speaker/train.py OUT.pt [--init IN.pt] [--steps N] [--start N] [--stop N] [--seed N] [--channel] --noise DIR --rir DIR CORPUS_DIR...
"""
import argparse
import os
import sys
import time
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import augment  # noqa: E402
import corpus  # noqa: E402
import fbank  # noqa: E402
from model import EMBEDDING, SpeakerEcapa  # noqa: E402

SEED = 13
CONFIG = os.path.join(os.path.dirname(__file__), "../../speaker/src/main/resources/dev/hark/speaker/speaker-model.json")
BATCH = 128
FRAMES = (100, 220)
STEPS = 2400
MAX_LR = 3e-3
FINETUNE_STEPS = 400
FINETUNE_LR = 1e-3
CENTROID_EXAMPLES = 2     # examples per class that set the fresh head's weights
CHECKPOINTS = int(os.environ.get("HARK_SPEAKER_CHECKPOINTS", "0"))   # save the weights every N steps (0: never)
MARGIN = 0.2
SCALE = 30.0
# pymixconsole's large_room.wav (a swimming pool measured by Emmanuel Deruty for a Sound on Sound
# article) states no licence we could verify, so it is left out (scripts/speaker/README.md)
RIR_EXCLUDED = {"large_room.wav"}


class AamSoftmax(nn.Module):
    def __init__(self, emb, n_classes):
        super().__init__()
        self.w = nn.Parameter(torch.randn(n_classes, emb) * 0.01)

    def set_centroids(self, model, maker, rng):
        """Each class's weight := the mean unit embedding of CENTROID_EXAMPLES fresh examples (an untrained
        head on a trained network would first pull the network towards random directions)."""
        model.eval()
        with torch.no_grad():
            for c in range(maker.classes):
                x = np.stack([maker.example(rng, c, FRAMES[1]) for _ in range(CENTROID_EXAMPLES)])
                self.w[c] = F.normalize(model(torch.from_numpy(x))).mean(0)
        model.train()

    def forward(self, e, labels, margin):
        cos = F.linear(F.normalize(e), F.normalize(self.w)).clamp(-1 + 1e-7, 1 - 1e-7)
        target = torch.cos(torch.acos(cos) + margin)
        logits = torch.where(F.one_hot(labels, cos.shape[1]).bool(), target, cos) * SCALE
        return F.cross_entropy(logits, labels), (cos.argmax(1) == labels).float().mean()


class Batches(torch.utils.data.IterableDataset):
    def __init__(self, maker, steps, seed):
        self.maker = maker
        self.steps = steps
        self.seed = seed

    def __iter__(self):
        torch.set_num_threads(1)
        rng = np.random.default_rng(self.seed)
        for _ in range(self.steps):
            frames = int(rng.integers(FRAMES[0], FRAMES[1] + 1))
            x, y = self.maker.batch(rng, BATCH, frames)
            yield torch.from_numpy(x), torch.from_numpy(y)


def training_speakers(dirs):
    return [(s.id, s.files) for s in corpus.discover(dirs) if corpus.split_of(s) == "train"]


def rir_files(d):
    return [f for f in sorted(os.listdir(d)) if f.endswith(".wav") and f not in RIR_EXCLUDED]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--noise", required=True)
    ap.add_argument("--rir", required=True)
    ap.add_argument("--stop", type=int, help="run only this many steps of the schedule")
    ap.add_argument("--start", type=int, default=0, help="begin the schedule at this step")
    ap.add_argument("--init", help="network weights to fine-tune (the second stage)")
    ap.add_argument("--steps", type=int, help="the schedule's length (default STEPS, or FINETUNE_STEPS with --init)")
    ap.add_argument("--seed", type=int, help="seed of the example stream (default: one per stage)")
    ap.add_argument("--channel", action="store_true", help="add the recording-channel augmentation")
    ap.add_argument("corpora", nargs="+")
    a = ap.parse_args()
    steps = a.steps or (FINETUNE_STEPS if a.init else STEPS)
    end = min(a.stop or steps, steps)
    if not 0 <= a.start < end:
        ap.error(f"--start {a.start}: must be from 0 to before the end of the schedule ({end})")
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    cfg = fbank.load_config(CONFIG)
    t0, c0 = time.time(), time.process_time()
    speakers = training_speakers(a.corpora)
    audio = augment.load_speakers(speakers)
    noises = augment.load_folder(a.noise)
    rirs = [augment.read_wav(os.path.join(a.rir, f)) for f in rir_files(a.rir)]
    maker = augment.ExampleMaker(audio, noises, rirs, cfg, channel=a.channel)
    print(f"{len(speakers)} training speakers ({sum(len(x) for x in audio) / 16000 / 3600:.2f} h after trimming), "
          f"{maker.classes} classes, {len(noises)} noise recordings, {len(rirs)} real room responses; "
          f"loaded in {time.time() - t0:.0f} s", flush=True)
    model = SpeakerEcapa()
    head = AamSoftmax(EMBEDDING, maker.classes)
    if a.init:
        model.load_state_dict(torch.load(a.init))
        head.set_centroids(model, maker, np.random.default_rng(SEED + 1))
        seed, ramp = SEED + 2, 0
    else:
        seed, ramp = SEED, 0.2 * steps
    seed = a.seed if a.seed is not None else seed
    run = end - a.start
    print(f"{sum(p.numel() for p in model.parameters())} parameters, {run} steps of {BATCH} from step {a.start}"
          f"{f' fine-tuning {a.init}' if a.init else f' of a {steps}-step schedule'}; wall {time.time() - t0:.0f} s", flush=True)
    params = list(model.parameters()) + list(head.parameters())
    if a.init:
        opt = torch.optim.Adam(params, lr=FINETUNE_LR, weight_decay=2e-5)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps)
    else:
        opt = torch.optim.Adam(params, lr=MAX_LR, weight_decay=2e-5)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=MAX_LR, total_steps=steps, pct_start=0.15)
    with warnings.catch_warnings():   # stepping the scheduler before any optimizer step is the point here
        warnings.simplefilter("ignore")
        for _ in range(a.start):   # the scheduler's own formula, stepped to where the run begins
            sched.step()
    loader = torch.utils.data.DataLoader(Batches(maker, run, seed), batch_size=None, num_workers=1, prefetch_factor=4)
    model.train()
    for step, (x, y) in enumerate(loader, a.start):
        margin = MARGIN * min(1.0, step / ramp) if ramp else MARGIN
        loss, acc = head(model(x), y, margin)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 50 == 0 or step == a.start + run - 1:
            print(f"step {step} lr {sched.get_last_lr()[0]:.2e} frames {x.shape[1]} loss {loss.item():.3f} acc {acc.item():.3f} "
                  f"wall {time.time() - t0:.0f} s cpu {time.process_time() - c0:.0f} s", flush=True)
        if CHECKPOINTS and step % CHECKPOINTS == CHECKPOINTS - 1:
            torch.save(model.state_dict(), f"{a.out}.{step + 1}")
    torch.save(model.state_dict(), a.out)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
