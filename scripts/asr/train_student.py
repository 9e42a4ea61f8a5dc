"""Trains the neural acoustic model (the student) on data written by StudentTrainingData.java.

Targets: the CI HMM state of the senone the Sphinx GMM (the teacher) force-aligned to the clean
audio; inputs: Hark's features of noisy copies of that audio. Cross-entropy, Adam, one-cycle
learning rate, random chunks of CHUNK frames. Deterministic for a given seed and thread count.
Writes the weights, the class priors (frame frequencies of the targets) and the feature statistics
into OUT (a torch file); prints progress and CPU time, and frame accuracy on the development copies.

Usage: /usr/bin/python3 scripts/asr/train_student.py TRAIN_DIR DEV_DIR OUT.pt [--steps N] [--hidden H]
       [--threads N] [--seed N] [--init STUDENT.pt] [--right N] [--warmup FRACTION] [--copies K,K,...] [--extra DIR]...

--init continues from the weights (and feature statistics) of an earlier run's OUT with a fresh
optimiser and learning-rate cycle, so a longer training can be added in stages. --copies picks copies
of TRAIN_DIR; --extra adds every copy of another folder written by StudentTrainingData (e.g. copies in
babble), so the mixture of conditions is set by how many copies of each are given. --right places the network's
field around the scored frame (frames after it; the rest are before it), kept by --init's later stages.
"""
import argparse
import resource
import time

import numpy as np
import torch
from torch import nn

import student as S

CHUNK = 128
BATCH = 64


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def frame_accuracy(model, right, feats, labels, lengths, utterances=None):
    """Accuracy of the argmax class over every frame of the first utterances (edges replicated)."""
    model.eval()
    correct = total = 0
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    with torch.no_grad():
        for i in range(min(len(lengths), utterances or len(lengths))):
            n = int(lengths[i])
            idx = S.window_index(np.array([0]), np.array([n]), np.array([offsets[i]]), n, right)
            x = torch.from_numpy(feats[idx].astype(np.float32)).transpose(1, 2)
            y = torch.from_numpy(labels[offsets[i]:offsets[i] + n].astype(np.int64))
            pred = model(x)[0].argmax(0)
            correct += int((pred == y).sum())
            total += n
    model.train()
    return correct / max(total, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("dev")
    ap.add_argument("out")
    ap.add_argument("--steps", type=int, default=1200)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--copies", type=str, default=None, help="comma-separated copy numbers to use")
    ap.add_argument("--save-every", type=int, default=1000, help="steps between development checks and saves")
    ap.add_argument("--extra", action="append", default=[], help="another training folder, all its copies")
    ap.add_argument("--init", type=str, default=None, help="an earlier OUT to continue from")
    ap.add_argument("--right", type=int, default=None,
                    help=f"frames of context after the scored frame (of the field's {S.FIELD}); default: --init's, else 4")
    ap.add_argument("--warmup", type=float, default=0.1, help="fraction of the steps the learning rate rises")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    sen_class, classes = S.class_map(f"{args.train}/senones.tsv")
    names = [int(c) for c in args.copies.split(",")] if args.copies else None
    feats, labels, lengths, _ = S.load_copies(args.train, sen_class, names)
    for extra in args.extra:
        f, l, n, _ = S.load_copies(extra, sen_class)
        feats, labels, lengths = feats + f, labels + l, lengths + n
    feats = np.concatenate(feats)
    labels = np.concatenate(labels)
    lengths = np.concatenate(lengths)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    print(f"training frames {len(labels):,} in {len(lengths):,} utterance copies, {classes} classes", flush=True)
    sample = feats[rng.choice(len(feats), size=min(len(feats), 500_000), replace=False)].astype(np.float64)
    mean, std = sample.mean(0), sample.std(0) + 1e-3
    counts = np.bincount(labels[labels >= 0].astype(np.int64), minlength=classes).astype(np.float64)
    prior = (counts + 1) / (counts.sum() + classes)
    dev_feats, dev_labels, dev_lengths, dev_infos = S.load_copies(args.dev, sen_class)
    dev_names = [f"{r[0][8]}dB" if r[0][8] != "NaN" else "clean" for r in dev_infos]

    init = torch.load(args.init) if args.init else None
    if init is not None:
        # the earlier run's normalisation is baked into its weights: keep it
        mean, std = init["mean"], init["std"]
    right = args.right if args.right is not None else S.right_of(init) if init is not None else 4
    if not 0 <= right < S.FIELD:
        ap.error(f"--right {right}: the field has {S.FIELD} frames")
    model = S.Student(classes, args.hidden, mean, std)
    if init is not None:
        model.load_state_dict(init["state"])
        print(f"continuing from {args.init} ({init['steps']} steps, cpu {init['cpu_s']:.0f}s)", flush=True)
    params = sum(p.numel() for p in model.parameters())
    print(f"student: {params:,} parameters, field {S.FIELD} frames (left {S.left_of(right)}, right {right})", flush=True)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.steps, pct_start=args.warmup)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-1)  # frames without a teacher label (StudentTrainingData --max-gap)
    cum = np.cumsum(lengths)
    t0, c0 = time.time(), cpu_seconds()
    run_loss = run_acc = 0.0
    for step in range(1, args.steps + 1):
        # chunks anchored at uniformly drawn frames, so long utterances are drawn more often
        anchor = rng.integers(0, len(labels), size=BATCH)
        utt = np.searchsorted(cum, anchor, side="right")
        start = np.maximum(0, anchor - offsets[utt] - CHUNK // 2)
        start = np.minimum(start, np.maximum(0, lengths[utt] - CHUNK))
        idx = S.window_index(start, lengths[utt], offsets[utt], CHUNK, right)
        x = torch.from_numpy(feats[idx].astype(np.float32)).transpose(1, 2)
        tgt_idx = np.clip(start[:, None] + np.arange(CHUNK)[None, :], 0, lengths[utt][:, None] - 1) + offsets[utt][:, None]
        y = torch.from_numpy(labels[tgt_idx].astype(np.int64))
        logits = model(x)
        loss = loss_fn(logits, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        run_loss = 0.98 * run_loss + 0.02 * loss.item() if step > 1 else loss.item()
        acc = ((logits.argmax(1) == y).sum() / (y >= 0).sum().clamp(min=1)).item()
        run_acc = 0.98 * run_acc + 0.02 * acc if step > 1 else acc
        if step % 100 == 0:
            print(f"step {step}/{args.steps} loss {run_loss:.3f} acc {run_acc:.3f} lr {sched.get_last_lr()[0]:.2e} "
                  f"cpu {cpu_seconds() - c0:.0f}s wall {time.time() - t0:.0f}s", flush=True)
        if step % args.save_every == 0 or step == args.steps:
            # the first 60 development utterances (3 speakers) on the way, all of them at the end
            subset = None if step == args.steps else 60
            accs = [frame_accuracy(model, right, f, l, n, subset) for f, l, n in zip(dev_feats, dev_labels, dev_lengths)]
            print(f"dev frame accuracy ({subset or 'all'} utterances) "
                  + ", ".join(f"{nm} {a:.3f}" for nm, a in zip(dev_names, accs)), flush=True)
            ckpt = {"state": model.state_dict(), "hidden": args.hidden, "classes": classes, "mean": mean,
                    "std": std, "right": right, "log_prior": np.log(prior), "steps": step + (init["steps"] if init else 0),
                    "cpu_s": cpu_seconds() - c0 + (init["cpu_s"] if init else 0.0)}
            torch.save(ckpt, args.out)
            if step < args.steps:
                torch.save(ckpt, f"{args.out}.step{step}")
    print(f"done: {args.steps} steps, cpu {cpu_seconds() - c0:.0f}s", flush=True)


if __name__ == "__main__":
    main()
