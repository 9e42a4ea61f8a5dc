"""Exports a trained student (train_student.py's OUT.pt) as a streaming ONNX model.

Feature normalisation and batch norm are folded into the convolutions; the log class priors are
subtracted from the output, so the model gives scaled log-likelihoods (log posterior - log prior,
per frame) of the CI HMM states. Streaming: every layer with temporal context keeps the last
(kernel - 1) x dilation frames of its input in a cache that the caller passes in and gets back, so
feeding a stream in chunks of any length gives exactly the outputs of the whole-utterance network
(the first FIELD - 1 outputs of an utterance, computed from the zero caches, are discarded by the
caller, which also repeats the first frame LEFT times and the last RIGHT times, as in training).

Inputs:  features [1, 39, N], cache0 [1, 39, 4], cache1..3 [1, H, 4|6|6]
Outputs: scores [1, classes, N], next_cache0..3 (same shapes as the caches)

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
        self.convs = nn.ModuleList()
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
            c = nn.Conv1d(w.shape[1], w.shape[0], k, dilation=d)
            c.weight.data = w.float()
            c.bias.data = b.float()
            self.convs.append(c)
            self.contexts.append((k - 1) * d)
        self.out = nn.Conv1d(m.out.in_channels, m.out.out_channels, 1)
        self.out.weight.data = m.out.weight.detach().clone()
        self.out.bias.data = m.out.bias.detach().clone()
        self.register_buffer("log_prior", torch.tensor(ckpt["log_prior"], dtype=torch.float32).view(1, -1, 1))

    def forward(self, x, cache0, cache1, cache2, cache3):
        caches = [cache0, cache1, cache2, cache3]
        nexts = []
        for i, conv in enumerate(self.convs):
            if self.contexts[i] > 0:
                x = torch.cat([caches[i], x], dim=2)
                nexts.append(x[:, :, x.shape[2] - self.contexts[i]:])
            x = torch.relu(conv(x))
        scores = torch.log_softmax(self.out(x), dim=1) - self.log_prior
        return (scores, *nexts)


def cache_shapes(model):
    shapes, width = [], S.DIM
    for conv, ctx in zip(model.convs, model.contexts):
        if ctx > 0:
            shapes.append((1, width, ctx))
        width = conv.out_channels
    return shapes


def main(src, dst):
    ckpt = torch.load(src, map_location="cpu")
    model = Streaming(ckpt).eval()
    shapes = cache_shapes(model)
    assert len(shapes) == 4
    x = torch.randn(1, S.DIM, 8)
    caches = [torch.zeros(s) for s in shapes]
    names = [f"cache{i}" for i in range(4)]
    torch.onnx.export(model, (x, *caches), dst, opset_version=13,
                      input_names=["features", *names], output_names=["scores", *[f"next_{n}" for n in names]],
                      dynamic_axes={"features": {2: "frames"}, "scores": {2: "frames"}})
    # the streaming model must equal the whole-utterance network on a stream fed in uneven chunks
    ref = S.Student(ckpt["classes"], ckpt["hidden"], ckpt["mean"], ckpt["std"])
    ref.load_state_dict(ckpt["state"])
    ref.eval()
    torch.manual_seed(0)
    feats = torch.randn(1, S.DIM, 60) * torch.tensor(ckpt["std"], dtype=torch.float32).view(1, -1, 1) \
        + torch.tensor(ckpt["mean"], dtype=torch.float32).view(1, -1, 1)
    padded = torch.cat([feats[:, :, :1].repeat(1, 1, S.LEFT), feats, feats[:, :, -1:].repeat(1, 1, S.RIGHT)], 2)
    with torch.no_grad():
        want = torch.log_softmax(ref(padded), 1) - model.log_prior
        outs, pos = [], 0
        for n in [5, 1, 17, 8, 100]:
            part = padded[:, :, pos:pos + n]
            if part.shape[2] == 0:
                break
            y, *caches = model(part, *caches)
            outs.append(y)
            pos += n
        got = torch.cat(outs, 2)[:, :, S.FIELD - 1:]
    err = (got - want).abs().max().item()
    print(f"exported {dst}: caches {shapes}, streaming vs whole-utterance max |diff| {err:.2e}")
    assert err < 1e-3, err


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
