"""Makes an openWakeWord embedding model (fp32 or Hark's int8 variant) take any number of mel frames.

The embedding network is convolutional in time: its time convolutions have no padding and its three
2x2 max pools halve time, so 76 + 8 (K - 1) mel frames give exactly the K embeddings of K windows
8 frames apart, each equal to a run on its own 76-frame window. Only the two Reshapes fix the length:
the first turns [N, 76, 32, 1] into [-1, 1, 76, 32] (NCHW with time as height), the last turns the
[N, 96, 1, 1] result into [-1, 1, 1, 96]. This script replaces them with Transposes that move the
same values (a size-1 axis moves, nothing else), so the input becomes [N, T, 32, 1] and the output
[N, K, 1, 96] for any T = 76 + 8 (K - 1). With T = 76 the output equals the original model's.

Nothing else changes: weights, quantisation parameters and every other node are copied, so the
result depends only on the input file and its sha256 can be recorded.

Usage: /usr/bin/python3 scripts/wakeword/time-batch.py IN.onnx OUT.onnx
"""
import sys

import onnx
from onnx import helper, numpy_helper

MEL_FRAMES = 76
MEL_BINS = 32
EMBEDDING_DIM = 96


def constant(graph, name):
    for i in graph.initializer:
        if i.name == name:
            return list(numpy_helper.to_array(i))
    raise SystemExit(f"no initializer {name}")


def main(src, dst):
    model = onnx.load(src)
    graph = model.graph
    if len(graph.input) != 1 or len(graph.output) != 1:
        raise SystemExit(f"{src}: not the openWakeWord embedding model (one input and one output expected)")
    x, y = graph.input[0].name, graph.output[0].name
    first = [n for n in graph.node if x in n.input]
    last = [n for n in graph.node if y in n.output]
    if (len(first) != 1 or first[0].op_type != "Reshape"
            or constant(graph, first[0].input[1]) != [-1, 1, MEL_FRAMES, MEL_BINS]):
        raise SystemExit(f"{src}: its input is not reshaped to [-1, 1, {MEL_FRAMES}, {MEL_BINS}]")
    if (len(last) != 1 or last[0].op_type != "Reshape"
            or constant(graph, last[0].input[1]) != [-1, 1, 1, EMBEDDING_DIM]):
        raise SystemExit(f"{src}: its output is not reshaped to [-1, 1, 1, {EMBEDDING_DIM}]")
    nodes = []
    for n in graph.node:
        if n is first[0]:
            # [N, T, 32, 1] -> [N, 1, T, 32]
            nodes.append(helper.make_node("Transpose", [x], list(n.output), name=n.name, perm=[0, 3, 1, 2]))
        elif n is last[0]:
            # [N, 96, K, 1] -> [N, K, 1, 96]
            nodes.append(helper.make_node("Transpose", [n.input[0]], [y], name=n.name, perm=[0, 2, 3, 1]))
        else:
            nodes.append(n)
    del graph.node[:]
    graph.node.extend(nodes)
    used = {i for n in graph.node for i in n.input}
    keep = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(keep)
    # intermediate shapes recorded for T = 76 would be wrong now
    del graph.value_info[:]
    graph.input[0].type.tensor_type.shape.dim[1].dim_param = "mel_frames"
    graph.output[0].type.tensor_type.shape.dim[1].dim_param = "embeddings"
    onnx.save(model, dst)
    print(f"time-batched: {src} -> {dst}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
