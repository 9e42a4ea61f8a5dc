"""Stores a float ONNX model's large weights in half precision, to be computed in float32.

Every float32 initializer of more than MIN_ELEMENTS values is stored as float16 and turned back into
float32 by a Cast node in front of its users; ONNX Runtime folds those casts into constants when it
loads the model, so inference runs in float32 exactly as before, on weights rounded to 11 significant
bits. The file shrinks to about half (Hark's speaker model: 2.5 MB -> 1.3 MB, under the 2 MB a model
committed to the repository may have); embeddings move by far less than the int8 variant's
quantisation does (SpeakerModelTest checks both against the PyTorch reference).

Usage: /usr/bin/python3 scripts/speaker/half_weights.py IN.onnx OUT.onnx
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MIN_ELEMENTS = 1024   # biases and small vectors stay float32: halving them saves nothing worth a node


def main(src, dst):
    model = onnx.load(src)
    graph = model.graph
    casts = []
    for init in graph.initializer:
        if init.data_type != TensorProto.FLOAT:
            continue
        w = numpy_helper.to_array(init)
        if w.size < MIN_ELEMENTS:
            continue
        name = init.name
        init.CopyFrom(numpy_helper.from_array(w.astype(np.float16), name + "_f16"))
        casts.append(helper.make_node("Cast", [name + "_f16"], [name], to=TensorProto.FLOAT, name=name + "_cast"))
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    print(f"{len(casts)} weights stored as float16: {src} ({os.path.getsize(src)} bytes) -> {dst} ({os.path.getsize(dst)} bytes)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.split("\n\n")[-1])
    main(sys.argv[1], sys.argv[2])
