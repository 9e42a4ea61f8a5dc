"""Exports a trained student (train_student.py's OUT.pt) as a streaming ONNX model.

Feature normalisation and batch norm are folded into the layers; the log class priors are
subtracted from the output, so the model gives scaled log-likelihoods (log posterior - log prior,
per frame) of the CI HMM states. Streaming, one frame per run: every layer with temporal context
keeps the last (kernel - 1) x dilation frames of its input in a cache that the caller passes in and
gets back, so a stream fed frame by frame gives exactly the outputs of the whole-utterance network
(the first FIELD - 1 outputs of an utterance, computed from the zero caches, are discarded by the
caller, which also repeats the first frame LEFT times and the last RIGHT times, as in training).
For one frame each dilated convolution is a matrix-vector product: its kernel's taps are picked from
the cache with a strided slice and multiplied by the flattened weights (Gemm), which ONNX Runtime runs
faster than a one-column Conv and, quantised, fuses into one integer operator per layer
(docs/benchmarks/asr.md).

Inputs:  features [1, 39, 1], cache0 [1, 39, 4], cache1..3 [1, H, 4|6|6]
Outputs: scores [1, classes, 1], next_cache0..3 (same shapes as the caches)

--stride 2 exports a model that takes two frames per run and scores the second only (the recogniser
uses those scores for the next frame too): the layers whose outputs only the scored frame needs run on
one column, the others on both, and each weight matrix is read once per two frames (StudentNetwork;
docs/benchmarks/asr.md). Inputs then are features [1, 39, 2], the caches as below.

Usage: /usr/bin/python3 scripts/asr/export_student.py [--stride N] MODEL.pt OUT.onnx
"""
import sys

import numpy as np
import torch
from torch import nn

import student as S


class Streaming(nn.Module):
    def __init__(self, ckpt, stride=1):
        super().__init__()
        self.stride = stride
        m = S.Student(ckpt["classes"], ckpt["hidden"], ckpt["mean"], ckpt["std"])
        m.load_state_dict(ckpt["state"])
        m.eval()
        self.layers = nn.ModuleList()
        self.contexts = []
        self.dilations = []
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
            # taps flattened channel-major, as the strided slice of the cache delivers them
            c = nn.Linear(w.shape[1] * k, w.shape[0])
            c.weight.data = w.reshape(w.shape[0], -1).float()
            c.bias.data = b.float()
            self.layers.append(c)
            self.contexts.append((k - 1) * d)
            self.dilations.append(d)
        # a layer computes every column of a run only where a later layer's taps reach a column other
        # than the last (modulo the stride); the others compute the last column alone
        self.full = [False] * len(self.layers)
        needed = {stride - 1}
        for i in reversed(range(len(self.layers))):
            self.full[i] = needed != {stride - 1}
            needed = {(c - m * self.dilations[i]) % stride for c in needed
                      for m in range(self.contexts[i] // self.dilations[i] + 1)}
        # a cache holds every column of its layer's input
        assert all(self.full[i - 1] for i in range(1, len(self.layers)) if self.contexts[i] > 0 and stride > 1)
        self.out = nn.Linear(m.out.in_channels, m.out.out_channels)
        self.out.weight.data = m.out.weight.detach()[:, :, 0].clone()
        self.out.bias.data = m.out.bias.detach().clone()
        self.register_buffer("log_prior", torch.tensor(ckpt["log_prior"], dtype=torch.float32).view(1, -1, 1))

    def forward(self, x, cache0, cache1, cache2, cache3):
        """x [1, DIM, stride]: the next frames; scores [1, classes, 1]: the last one's."""
        caches = iter([cache0, cache1, cache2, cache3])
        nexts = []
        have = self.stride
        for i, layer in enumerate(self.layers):
            cols = self.stride if self.full[i] else 1
            if self.contexts[i] > 0:
                window = torch.cat([next(caches), x], dim=2)
                nexts.append(window[:, :, self.stride:])
                # one row of taps per column computed, the last column's last
                first = self.stride - cols
                taps = [window[:, :, j:j + self.contexts[i] + 1:self.dilations[i]].reshape(1, -1)
                        for j in range(first, self.stride)]
                x = taps[0] if cols == 1 else torch.cat(taps, 0)
            elif cols > 1:
                x = x.reshape(-1, cols).t()
            else:
                x = x.reshape(1, -1) if have == 1 else x[:, :, -1:].reshape(1, -1)
            x = torch.relu(layer(x))
            x = x.reshape(1, -1, 1) if cols == 1 else x.t().reshape(1, -1, cols)
            have = cols
        scores = torch.log_softmax(self.out(x.reshape(1, -1)), dim=1) - self.log_prior.view(1, -1)
        return (scores.reshape(1, -1, 1), *nexts)


def cache_shapes(model):
    shapes, width = [], S.DIM
    for layer, ctx in zip(model.layers, model.contexts):
        if ctx > 0:
            shapes.append((1, width, ctx))
        width = layer.out_features
    return shapes


def main(argv):
    stride = 1
    if argv[:1] == ["--stride"]:
        stride, argv = int(argv[1]), argv[2:]
    src, dst = argv
    ckpt = torch.load(src, map_location="cpu")
    model = Streaming(ckpt, stride).eval()
    shapes = cache_shapes(model)
    assert len(shapes) == 4
    x = torch.randn(1, S.DIM, stride)
    caches = [torch.zeros(s) for s in shapes]
    names = [f"cache{i}" for i in range(4)]
    torch.onnx.export(model, (x, *caches), dst, opset_version=13,
                      input_names=["features", *names], output_names=["scores", *[f"next_{n}" for n in names]])
    # the streaming model must equal the whole-utterance network on a stream fed `stride` frames at a
    # time, at the last frame of each run
    ref = S.Student(ckpt["classes"], ckpt["hidden"], ckpt["mean"], ckpt["std"])
    ref.load_state_dict(ckpt["state"])
    ref.eval()
    torch.manual_seed(0)
    feats = torch.randn(1, S.DIM, 60) * torch.tensor(ckpt["std"], dtype=torch.float32).view(1, -1, 1) \
        + torch.tensor(ckpt["mean"], dtype=torch.float32).view(1, -1, 1)
    padded = torch.cat([feats[:, :, :1].repeat(1, 1, S.LEFT), feats, feats[:, :, -1:].repeat(1, 1, S.RIGHT)], 2)
    with torch.no_grad():
        want = torch.log_softmax(ref(padded), 1) - model.log_prior
        err = 0.0
        for t in range(stride - 1, padded.shape[2], stride):
            y, *caches = model(padded[:, :, t + 1 - stride:t + 1], *caches)
            if t >= S.FIELD - 1:
                err = max(err, (y[:, :, 0] - want[:, :, t - (S.FIELD - 1)]).abs().max().item())
    print(f"exported {dst}: stride {stride}, caches {shapes}, streaming vs whole-utterance max |diff| {err:.2e}")
    assert err < 1e-3, err


if __name__ == "__main__":
    main(sys.argv[1:])
