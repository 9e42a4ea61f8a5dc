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

Usage: /usr/bin/python3 scripts/asr/export_student.py MODEL.pt OUT.onnx
"""
import sys

import numpy as np
import torch
from torch import nn

import student as S


class Streaming(nn.Module):
    def __init__(self, ckpt):
        super().__init__()
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
        self.out = nn.Linear(m.out.in_channels, m.out.out_channels)
        self.out.weight.data = m.out.weight.detach()[:, :, 0].clone()
        self.out.bias.data = m.out.bias.detach().clone()
        self.register_buffer("log_prior", torch.tensor(ckpt["log_prior"], dtype=torch.float32).view(1, -1, 1))

    def forward(self, x, cache0, cache1, cache2, cache3):
        """x [1, DIM, 1]: one frame."""
        caches = iter([cache0, cache1, cache2, cache3])
        nexts = []
        for i, layer in enumerate(self.layers):
            if self.contexts[i] > 0:
                window = torch.cat([next(caches), x], dim=2)
                nexts.append(window[:, :, 1:])
                x = window[:, :, ::self.dilations[i]]
            x = torch.relu(layer(x.reshape(1, -1))).reshape(1, -1, 1)
        scores = torch.log_softmax(self.out(x.reshape(1, -1)), dim=1) - self.log_prior.view(1, -1)
        return (scores.reshape(1, -1, 1), *nexts)


def cache_shapes(model):
    shapes, width = [], S.DIM
    for layer, ctx in zip(model.layers, model.contexts):
        if ctx > 0:
            shapes.append((1, width, ctx))
        width = layer.out_features
    return shapes


def main(src, dst):
    ckpt = torch.load(src, map_location="cpu")
    model = Streaming(ckpt).eval()
    shapes = cache_shapes(model)
    assert len(shapes) == 4
    x = torch.randn(1, S.DIM, 1)
    caches = [torch.zeros(s) for s in shapes]
    names = [f"cache{i}" for i in range(4)]
    torch.onnx.export(model, (x, *caches), dst, opset_version=13,
                      input_names=["features", *names], output_names=["scores", *[f"next_{n}" for n in names]])
    # the streaming model must equal the whole-utterance network on a stream fed frame by frame
    ref = S.Student(ckpt["classes"], ckpt["hidden"], ckpt["mean"], ckpt["std"])
    ref.load_state_dict(ckpt["state"])
    ref.eval()
    torch.manual_seed(0)
    feats = torch.randn(1, S.DIM, 60) * torch.tensor(ckpt["std"], dtype=torch.float32).view(1, -1, 1) \
        + torch.tensor(ckpt["mean"], dtype=torch.float32).view(1, -1, 1)
    padded = torch.cat([feats[:, :, :1].repeat(1, 1, S.LEFT), feats, feats[:, :, -1:].repeat(1, 1, S.RIGHT)], 2)
    with torch.no_grad():
        want = torch.log_softmax(ref(padded), 1) - model.log_prior
        outs = []
        for t in range(padded.shape[2]):
            y, *caches = model(padded[:, :, t:t + 1], *caches)
            outs.append(y)
        got = torch.cat(outs, 2)[:, :, S.FIELD - 1:]
    err = (got - want).abs().max().item()
    print(f"exported {dst}: caches {shapes}, streaming vs whole-utterance max |diff| {err:.2e}")
    assert err < 1e-3, err


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
