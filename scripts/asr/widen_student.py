"""Widens a trained student (train_student.py's OUT.pt) to more hidden units, keeping its function.

Net2WiderNet (Chen, Goodfellow and Shlens, 2016): every new unit of a hidden layer is a copy of a
randomly drawn old unit (its incoming filter and its batch-norm parameters and statistics), and each
outgoing weight of a copied unit is split between the original and the copy. The split is drawn per
weight (a share in [0.25, 0.75] to one, the rest to the other) rather than halved: the two units'
outputs stay equal, so the widened network computes exactly what the narrow one did, but their
outgoing weights differ in direction, so the gradients reaching their incoming filters differ too and
training separates them (an even split gives them proportional gradients, which Adam's per-weight
scaling turns into identical updates). The result is checked against the narrow network on random
feature frames before it is written, and continues training with train_student.py --init.

Usage: /usr/bin/python3 scripts/asr/widen_student.py IN.pt OUT.pt --hidden H [--seed N]
"""
import argparse

import torch

import student as S


def widen(state, hidden, old, generator):
    """A state dict of the network with `hidden` units per layer from one with `old`."""
    new = dict(state)
    for i in range(len(S.LAYERS)):
        pick = torch.cat([torch.arange(old), torch.randperm(old, generator=generator)[:hidden - old]])
        conv, norm = f"convs.{i}.weight", f"norms.{i}"
        new[conv] = new[conv][pick]  # incoming filters (input channels widened at the previous layer)
        for p in ("weight", "bias", "running_mean", "running_var"):
            new[f"{norm}.{p}"] = state[f"{norm}.{p}"][pick]
        nxt = f"convs.{i + 1}.weight" if i + 1 < len(S.LAYERS) else "out.weight"
        w = new[nxt]  # [out, old, k]: split the copied units' outgoing weights
        share = torch.ones_like(w[:, pick])
        copies = pick[old:]
        draw = 0.25 + 0.5 * torch.rand(w[:, copies].shape, generator=generator)
        share[:, old:] = draw
        share[:, copies] = 1 - draw
        new[nxt] = w[:, pick] * share
    return new


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--hidden", type=int, required=True)
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    ckpt = torch.load(args.src, map_location="cpu")
    old = ckpt["hidden"]
    assert old < args.hidden <= 2 * old, f"widen from {old} to at most {2 * old} units"
    g = torch.Generator().manual_seed(args.seed)
    state = widen(ckpt["state"], args.hidden, old, g)
    narrow = S.Student(ckpt["classes"], old, ckpt["mean"], ckpt["std"])
    narrow.load_state_dict(ckpt["state"])
    wide = S.Student(ckpt["classes"], args.hidden, ckpt["mean"], ckpt["std"])
    wide.load_state_dict(state)
    mean = torch.tensor(ckpt["mean"], dtype=torch.float32).view(1, -1, 1)
    std = torch.tensor(ckpt["std"], dtype=torch.float32).view(1, -1, 1)
    x = torch.randn(8, S.DIM, 200, generator=g) * std + mean
    with torch.no_grad():
        errs = []
        for mode in (False, True):  # running statistics, then batch statistics as in training
            narrow.train(mode)
            wide.train(mode)
            want, got = narrow(x), wide(x)
            errs.append((got - want).abs().max().item() / want.abs().max().item())
    print(f"{args.dst}: {old} -> {args.hidden} units, {sum(p.numel() for p in wide.parameters()):,} parameters; "
          f"max |wide - narrow| / max |narrow| {errs[0]:.1e} (eval), {errs[1]:.1e} (batch statistics)")
    assert max(errs) < 1e-4, errs
    torch.save(dict(ckpt, state=state, hidden=args.hidden), args.dst)


if __name__ == "__main__":
    main()
