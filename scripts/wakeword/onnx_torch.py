"""Runs the openWakeWord front-end ONNX graphs (melspectrogram, embedding) in float32 with torch, node
by node, so that calibrate.py can read every intermediate tensor (Debian has no onnxruntime for
Python). Covers exactly the operators those two graphs use; anything else is refused by name."""
import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper, helper


def _attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _conv(x, w, b, a):
    pads = list(a.get("pads", [0] * (2 * (w.dim() - 2))))
    dims = w.dim() - 2
    # ONNX pads are (begin..., end...); torch's F.pad wants (last-dim begin, last-dim end, ...)
    torch_pad = []
    for d in reversed(range(dims)):
        torch_pad += [pads[d], pads[d + dims]]
    x = F.pad(x, torch_pad)
    conv = F.conv1d if dims == 1 else F.conv2d
    return conv(x, w, b, stride=a.get("strides", 1), dilation=a.get("dilations", 1), groups=a.get("group", 1))


class Graph:
    """An ONNX model's main graph as torch operations; run() returns every named tensor."""

    def __init__(self, path):
        self.model = onnx.load(path)
        g = self.model.graph
        self.init = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in g.initializer}
        self.nodes = list(g.node)
        self.input = g.input[0].name
        self.output = g.output[0].name

    def run(self, x):
        t = dict(self.init)
        t[self.input] = torch.as_tensor(x, dtype=torch.float32)
        for n in self.nodes:
            a = _attrs(n)
            i = [t[name] if name else None for name in n.input]
            op = n.op_type
            if op == "Constant":
                y = torch.from_numpy(numpy_helper.to_array(a["value"]).copy())
            elif op == "Conv":
                y = _conv(i[0], i[1], i[2] if len(i) > 2 else None, a)
            elif op == "Reshape":
                shape = [int(s) for s in i[1].tolist()]
                shape = [i[0].shape[k] if s == 0 else s for k, s in enumerate(shape)]
                y = i[0].reshape(shape)
            elif op == "Unsqueeze":
                y = i[0]
                for axis in sorted(int(v) for v in i[1].reshape(-1).tolist()):
                    y = y.unsqueeze(axis)
            elif op == "Transpose":
                y = i[0].permute(*a["perm"])
            elif op == "LeakyRelu":
                y = F.leaky_relu(i[0], a.get("alpha", 0.01))
            elif op == "Max":
                y = torch.maximum(i[0], i[1])
            elif op == "MaxPool":
                y = F.max_pool2d(i[0], a["kernel_shape"], a.get("strides"))
            elif op == "Pow":
                y = torch.pow(i[0], i[1])
            elif op == "Add":
                y = i[0] + i[1]
            elif op == "Sub":
                y = i[0] - i[1]
            elif op == "Mul":
                y = i[0] * i[1]
            elif op == "Div":
                y = i[0] / i[1]
            elif op == "MatMul":
                y = torch.matmul(i[0], i[1])
            elif op == "Clip":
                y = torch.clamp(i[0], i[1] if len(i) > 1 else None, i[2] if len(i) > 2 else None)
            elif op == "Log":
                y = torch.log(i[0])
            elif op == "ReduceMax":
                y = i[0].max() if not a.get("axes") else i[0].amax(dim=a["axes"], keepdim=bool(a.get("keepdims", 1)))
            elif op == "Cast":
                y = i[0].to(torch.float32)
            else:
                raise ValueError(f"operator {op} is not supported by onnx_torch")
            t[n.output[0]] = y
        return t
