"""Dynamic int8 quantisation of a speaker model, written with the onnx package alone.

Every Conv and Gemm (transB=1) whose weight is an initializer becomes an integer operator:
the weight is stored as uint8, symmetric per output channel (zero point 128, one scale per channel);
at run time DynamicQuantizeLinear quantises the activation to uint8 with a scale and zero point
computed from that tensor, ConvInteger / MatMulInteger multiply in integers, and the int32 result
is scaled back to float (activation scale x channel scale) before the float bias is added. This is
the scheme of ONNX Runtime's quantize_dynamic; the channel scales are applied after the integer
operator, so its weight zero point stays a scalar, which every ONNX Runtime CPU kernel accepts.

Usage: /usr/bin/python3 scripts/speaker/quantize.py IN.onnx OUT.onnx
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


def quantise_weight(w):
    """uint8 codes with zero point 128 and per-output-channel scales (axis 0)."""
    flat = w.reshape(w.shape[0], -1)
    scale = np.maximum(np.abs(flat).max(axis=1), 1e-12) / 127.0
    q = np.clip(np.round(flat / scale[:, None]) + 128, 1, 255).astype(np.uint8)
    return q.reshape(w.shape), scale.astype(np.float32)


def main(src, dst):
    model = onnx.load(src)
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    new_nodes, drop = [], set()
    zp = numpy_helper.from_array(np.array(128, dtype=np.uint8), "w_zero_point_128")
    graph.initializer.append(zp)
    done = 0
    for node in graph.node:
        quantisable = (node.op_type == "Conv" and node.input[1] in inits) or (
            node.op_type == "Gemm" and node.input[1] in inits
            and {a.name: helper.get_attribute_value(a) for a in node.attribute}.get("transB", 0) == 1
            and {a.name: helper.get_attribute_value(a) for a in node.attribute}.get("transA", 0) == 0
            and {a.name: helper.get_attribute_value(a) for a in node.attribute}.get("alpha", 1.0) == 1.0
            and {a.name: helper.get_attribute_value(a) for a in node.attribute}.get("beta", 1.0) == 1.0)
        if not quantisable:
            new_nodes.append(node)
            continue
        p = node.name or node.output[0]
        w = numpy_helper.to_array(inits[node.input[1]])
        q, scale = quantise_weight(w)
        drop.add(node.input[1])
        x = node.input[0]
        new_nodes.append(helper.make_node("DynamicQuantizeLinear", [x], [p + "_xq", p + "_xs", p + "_xzp"]))
        if node.op_type == "Conv":
            graph.initializer.append(numpy_helper.from_array(q, p + "_wq"))
            scale_shape = (w.shape[0],) + (1,) * (w.ndim - 2)
            op = helper.make_node("ConvInteger", [p + "_xq", p + "_wq", p + "_xzp", zp.name], [p + "_yi"])
            op.attribute.extend(node.attribute)
        else:
            graph.initializer.append(numpy_helper.from_array(np.ascontiguousarray(q.T), p + "_wq"))
            scale_shape = (w.shape[0],)
            op = helper.make_node("MatMulInteger", [p + "_xq", p + "_wq", p + "_xzp", zp.name], [p + "_yi"])
        new_nodes.append(op)
        graph.initializer.append(numpy_helper.from_array(scale.reshape(scale_shape), p + "_ws"))
        new_nodes.append(helper.make_node("Cast", [p + "_yi"], [p + "_yf"], to=TensorProto.FLOAT))
        new_nodes.append(helper.make_node("Mul", [p + "_xs", p + "_ws"], [p + "_scale"]))
        has_bias = len(node.input) > 2 and node.input[2]
        scaled = p + "_scaled" if has_bias else node.output[0]
        new_nodes.append(helper.make_node("Mul", [p + "_yf", p + "_scale"], [scaled]))
        if has_bias:
            b = numpy_helper.to_array(inits[node.input[2]])
            drop.add(node.input[2])
            graph.initializer.append(numpy_helper.from_array(b.reshape(scale_shape).astype(np.float32), p + "_b"))
            new_nodes.append(helper.make_node("Add", [scaled, p + "_b"], [node.output[0]]))
        done += 1
    del graph.node[:]
    graph.node.extend(new_nodes)
    keep = [i for i in graph.initializer if i.name not in drop]
    del graph.initializer[:]
    graph.initializer.extend(keep)
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    print(f"quantised {done} operators: {src} -> {dst}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
