"""Exports a trained student (train_student.py's OUT.pt) as a streaming ONNX model.

Feature normalisation and batch norm are folded into the layers; the log class priors are
subtracted from the output, so the model gives scaled log-likelihoods (log posterior - log prior,
per frame) of the CI HMM states. Streaming, CHUNK frames per run (default 1): every layer with
temporal context keeps the last (kernel - 1) x dilation frames of its input in a cache that the
caller passes in and gets back, so a stream fed chunk by chunk gives exactly the outputs of the
whole-utterance network (the first FIELD - 1 outputs of an utterance, computed from the zero caches,
are discarded by the caller, which also repeats the first frame left times and the last right times,
as in training, and fills the last chunk up with the last frame).
Each dilated convolution is one matrix product over the chunk: a Gather with constant indices picks
every output frame's kernel taps from the time-major window (cache + chunk) into one row, and the
rows [CHUNK, taps x channels] are multiplied by the flattened weights (Gemm), which ONNX Runtime
runs faster than a Conv and, quantised, as one MatMulInteger per layer. Several frames per run
touch the weights once per chunk instead of once per frame: run in turn with the GMM, which evicts
them from the L2 cache between runs, that is most of the network's cost (docs/benchmarks/asr.md).

Inputs:  features [1, 39, CHUNK], cache0 [4, 39], cache1..3 [4|6|6, H] (time-major)
Outputs: scores [1, classes, CHUNK], next_cache0..3 (same shapes as the caches)

Usage: /usr/bin/python3 scripts/asr/export_student.py [--chunk CHUNK] MODEL.pt OUT.onnx
"""
import sys

import numpy as np
import torch
from torch import nn

import student as S


class Streaming(nn.Module):
    def __init__(self, ckpt, chunk=1):
        super().__init__()
        m = S.Student(ckpt["classes"], ckpt["hidden"], ckpt["mean"], ckpt["std"])
        m.load_state_dict(ckpt["state"])
        m.eval()
        self.chunk = chunk
        self.layers = nn.ModuleList()
        self.contexts = []
        for i, ((k, d), conv, norm) in enumerate(zip(S.LAYERS, m.convs, m.norms)):
            w = conv.weight.detach().double()
            b = torch.zeros(w.shape[0], dtype=torch.float64)
            if i == 0:
                inv = m.inv_std.view(-1).double()
                mean = m.mean.view(-1).double()
                w = w * inv.view(1, -1, 1)
                b = b - (w * mean.view(1, -1, 1)).sum(dim=(1, 2))
            g = norm.weight.detach().double() / torch.sqrt(norm.running_var.double() + norm.eps)
            w = w * g.view(-1, 1, 1)
            b = (b - norm.running_mean.double()) * g + norm.bias.detach().double()
            # taps flattened tap-major (all channels of the oldest tap first), as the gather delivers them
            c = nn.Linear(w.shape[1] * k, w.shape[0])
            c.weight.data = w.permute(0, 2, 1).reshape(w.shape[0], -1).float()
            c.bias.data = b.float()
            self.layers.append(c)
            self.contexts.append((k - 1) * d)
            # row t of the taps: window rows t, t + d, ..., t + (k - 1) d (the window is cache + chunk)
            self.register_buffer(f"taps{i}", torch.tensor([[t + j * d for j in range(k)] for t in range(chunk)]))
        self.out = nn.Linear(m.out.in_channels, m.out.out_channels)
        self.out.weight.data = m.out.weight.detach()[:, :, 0].clone()
        self.out.bias.data = m.out.bias.detach().clone()
        self.register_buffer("log_prior", torch.tensor(ckpt["log_prior"], dtype=torch.float32).view(1, -1))

    def forward(self, x, cache0, cache1, cache2, cache3):
        """x [1, DIM, chunk]: the next frames; caches [context, width], time-major."""
        caches = iter([cache0, cache1, cache2, cache3])
        nexts = []
        x = x[0].t()  # [chunk, DIM]
        for i, layer in enumerate(self.layers):
            if self.contexts[i] > 0:
                window = torch.cat([next(caches), x], dim=0)
                nexts.append(window[self.chunk:])
                x = window[getattr(self, f"taps{i}")].reshape(self.chunk, -1)
            x = torch.relu(layer(x))
        scores = torch.log_softmax(self.out(x), dim=1) - self.log_prior
        return (scores.t().unsqueeze(0), *nexts)


def cache_shapes(model):
    shapes, width = [], S.DIM
    for layer, ctx in zip(model.layers, model.contexts):
        if ctx > 0:
            shapes.append((ctx, width))
        width = layer.out_features
    return shapes


def main(src, dst, chunk):
    ckpt = torch.load(src, map_location="cpu")
    model = Streaming(ckpt, chunk).eval()
    shapes = cache_shapes(model)
    assert len(shapes) == 4
    x = torch.randn(1, S.DIM, chunk)
    caches = [torch.zeros(s) for s in shapes]
    names = [f"cache{i}" for i in range(4)]
    torch.onnx.export(model, (x, *caches), dst, opset_version=13,
                      input_names=["features", *names], output_names=["scores", *[f"next_{n}" for n in names]])
    # the streaming model must equal the whole-utterance network on a stream fed chunk by chunk
    ref = S.Student(ckpt["classes"], ckpt["hidden"], ckpt["mean"], ckpt["std"])
    ref.load_state_dict(ckpt["state"])
    ref.eval()
    torch.manual_seed(0)
    feats = torch.randn(1, S.DIM, 60) * torch.tensor(ckpt["std"], dtype=torch.float32).view(1, -1, 1) \
        + torch.tensor(ckpt["mean"], dtype=torch.float32).view(1, -1, 1)
    right = S.right_of(ckpt)
    padded = torch.cat([feats[:, :, :1].repeat(1, 1, S.left_of(right)), feats, feats[:, :, -1:].repeat(1, 1, right)], 2)
    n = padded.shape[2]
    # as StudentNetwork does at the end: the last chunk filled up with the last frame
    padded = torch.cat([padded, padded[:, :, -1:].repeat(1, 1, -n % chunk)], 2)
    with torch.no_grad():
        want = torch.log_softmax(ref(padded[:, :, :n]), 1) - model.log_prior.view(1, -1, 1)
        outs = []
        for t in range(0, padded.shape[2], chunk):
            y, *caches = model(padded[:, :, t:t + chunk], *caches)
            outs.append(y)
        got = torch.cat(outs, 2)[:, :, S.FIELD - 1:n]
    err = (got - want).abs().max().item()
    print(f"exported {dst}: {chunk} frame(s) per run, caches {shapes}, streaming vs whole-utterance max |diff| {err:.2e}")
    assert err < 1e-3, err


if __name__ == "__main__":
    args = sys.argv[1:]
    chunk = 1
    if len(args) == 4 and args[0] == "--chunk":
        chunk = int(args[1])
        args = args[2:]
    if len(args) != 2 or chunk < 1:
        raise SystemExit(__doc__)
    main(args[0], args[1], chunk)
