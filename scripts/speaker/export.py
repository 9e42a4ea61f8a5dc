"""Exports Hark's speaker model to ONNX: the trained TDNN's embedding joined with a classical one.

The output embedding is the concatenation of two unit vectors, so the cosine score Hark computes is
the mean of two cosines:
  * the TDNN's 128-dim embedding (train.py), unit length;
  * the per-bin standard deviation over time of the 80 mean-normalised log-mel frames (how much
    each band's energy varies as the person speaks: a long-term spectral statistic of the voice that
    needs no training and carries no channel information, since the mean was removed), minus 1
    (a fixed centre; centring on the training corpus's average was measured too and did worse on
    real speech), scaled to unit length.
The combination was chosen by measurement (docs/benchmarks/speaker.md): on real speech, the TDNN
trained on mostly synthetic voices and the statistic make different mistakes.

Usage: /usr/bin/python3 scripts/speaker/export.py MODEL.pt OUT.onnx
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(__file__))
from train import SpeakerTdnn  # noqa: E402


class CombinedEmbedder(nn.Module):
    """[1, T, 80] mean-normalised log-mel frames -> [1, 208]: unit TDNN embedding ++ unit centred band deviations."""

    def __init__(self, net, std_centre):
        super().__init__()
        self.net = net
        self.register_buffer("std_centre", torch.from_numpy(std_centre.astype(np.float32))[None])

    def forward(self, feats):
        e = self.net(feats)
        e = e / torch.sqrt((e * e).sum(dim=1, keepdim=True) + 1e-12)
        s = torch.sqrt((feats * feats).mean(dim=1) + 1e-8) - self.std_centre
        s = s / torch.sqrt((s * s).sum(dim=1, keepdim=True) + 1e-12)
        return torch.cat([e, s], dim=1)


STD_CENTRE = 1.0


def main(pt, out):
    net = SpeakerTdnn()
    net.load_state_dict(torch.load(pt))
    model = CombinedEmbedder(net, np.full(net.convs[0].in_channels, STD_CENTRE))
    model.eval()
    torch.save(model.state_dict(), out + ".pt")
    torch.onnx.export(model, torch.zeros(1, 300, 80), out, input_names=["feats"], output_names=["embedding"],
                      dynamic_axes={"feats": {1: "frames"}}, opset_version=13, do_constant_folding=True)
    print(f"wrote {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
