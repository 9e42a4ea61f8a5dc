"""Exports Hark's speaker network (model.py, weights from train.py) to ONNX.

The batch norm before the last linear layer is folded into it (the exporter folds the others into
their convolutions), so the file holds convolutions, the attention pooling and one Gemm. Input
`feats` [1, frames, 80] (mean-normalised log-mel frames, any number of frames), output `embedding`
[1, 192] (not normalised: Hark scales it to unit length). Also saves the exported module's weights
(OUT.onnx.pt) for export_reference.py and make_cohort.py.

Usage: /usr/bin/python3 scripts/speaker/export.py MODEL.pt OUT.onnx
"""
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(__file__))
from model import SpeakerEcapa  # noqa: E402


def fold_pool_bn(model):
    """fc(bn(x)) == fc'(x): scale fc's input columns by the batch norm's gain, move its shift into the bias."""
    bn, fc = model.pool_bn, model.fc
    gain = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    shift = bn.bias - bn.running_mean * gain
    with torch.no_grad():
        fc.bias += fc.weight @ shift
        fc.weight *= gain[None, :]
    model.pool_bn = nn.Identity()


def load(pt):
    """The trained network in evaluation mode, its last batch norm folded."""
    model = SpeakerEcapa()
    model.load_state_dict(torch.load(pt))
    model.eval()
    fold_pool_bn(model)
    return model


def main(pt, out):
    model = load(pt)
    torch.save(model, out + ".pt")
    torch.onnx.export(model, torch.zeros(1, 200, 80), out, input_names=["feats"], output_names=["embedding"],
                      dynamic_axes={"feats": {1: "frames"}}, opset_version=13, do_constant_folding=True)
    print(f"wrote {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
