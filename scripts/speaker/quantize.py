"""int8 quantisation of Hark's ONNX models, written with the onnx package alone.

Dynamic (the default; the speaker model):

Every Conv and Gemm (transB=1) whose weight is an initializer becomes an integer operator:
the weight is stored as uint8, symmetric per output channel (zero point 128, one scale per channel);
at run time DynamicQuantizeLinear quantises the activation to uint8 with a scale and zero point
computed from that tensor, ConvInteger / MatMulInteger multiply in integers, and the int32 result
is scaled back to float (activation scale x channel scale) before the float bias is added. This is
the scheme of ONNX Runtime's quantize_dynamic; the channel scales are applied after the integer
operator, so its weight zero point stays a scalar, which every ONNX Runtime CPU kernel accepts.

--per-row (the neural acoustic model, exported several frames per run): a Gemm's activation rows
[frames, taps] are quantised each with its own scale and zero point, exactly as DynamicQuantizeLinear
quantises one row alone, so the int8 scores of a frame do not depend on the other frames of its run
(the one-frame export's scores, bit for bit). The row's minimum and maximum come from ReduceMin and
ReduceMax; MatMulInteger runs with the activation zero point 0, and each row's zero point times the
weights' column sums is subtracted from the int32 result (exact), because ONNX Runtime's
MatMulInteger takes one activation zero point per tensor. About a dozen more small operators per
layer: at 4 frames per run the acoustic model's network costs 36 instead of 16 us per frame alone
(docs/benchmarks/asr.md).

Static (--static RANGES.json; the openWakeWord embedding model): activations stay uint8 from the
first convolution to the last, with fixed scales and zero points from the ranges in the file
(scripts/wakeword/calibrate.py measured them on real speech and noise). Every Conv whose input and
output ranges are listed becomes QLinearConv (int8 weights, symmetric per output channel; int32 bias
at the product of the scales); LeakyRelu followed by Max(x, c) becomes one QLinearLeakyRelu whose
output range starts at c, so that saturating at 0 is the clamp; MaxPool runs on the uint8 tensor.
QuantizeLinear and DequantizeLinear appear only where a float tensor meets an integer one. Dynamic
quantisation of this small CNN runs slower than float in ONNX Runtime (ConvInteger has no tuned
kernel, and quantising each activation costs a pass over it), and so does a QLinearConv with float
operators between the convolutions (layout changes around each one); the all-integer chain is the
faster one (docs/benchmarks/wakeword.md). The result depends only on the input files, so its sha256
can be recorded.

Usage: /usr/bin/python3 scripts/speaker/quantize.py [--static RANGES.json | --per-row] IN.onnx OUT.onnx
"""
import hashlib
import json
import os
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


def activation_qparams(lo, hi):
    """uint8 scale and zero point covering [lo, hi] (widened to include 0, so zero is exact)."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    scale = max(hi - lo, 1e-8) / 255.0
    zero = int(np.clip(np.round(-lo / scale), 0, 255))
    return np.float32(scale), np.uint8(zero)


def static(src, dst, ranges_file):
    model = onnx.load(src)
    graph = model.graph
    with open(ranges_file) as f:
        entry = json.load(f)["models"].get(os.path.basename(src))
    if entry is None:
        raise SystemExit(f"{ranges_file}: no ranges for {os.path.basename(src)}")
    with open(src, "rb") as f:
        actual = hashlib.sha256(f.read()).hexdigest()
    if actual != entry["sha256"]:
        raise SystemExit(f"{src}: sha256 {actual}, but {ranges_file} was measured on {entry['sha256']}")
    ranges = entry["ranges"]
    inits = {i.name: i for i in graph.initializer}
    consumers = {}
    for n in graph.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    outputs = {o.name for o in graph.output}
    new_nodes, drop, fused = [], set(), set()
    quantised = {}  # float tensor name -> (uint8 tensor, scale name, zero-point name)
    floats = set(inits) | {i.name for i in graph.input}
    done = 0

    def qparams(prefix, lo, hi):
        scale, zero = activation_qparams(lo, hi)
        graph.initializer.append(numpy_helper.from_array(np.array(scale, dtype=np.float32), prefix + "_scale"))
        graph.initializer.append(numpy_helper.from_array(np.array(zero, dtype=np.uint8), prefix + "_zero"))
        return prefix + "_scale", prefix + "_zero"

    def as_float(name):
        if name not in floats:
            q, sc, zp = quantised[name]
            new_nodes.append(helper.make_node("DequantizeLinear", [q, sc, zp], [name]))
            floats.add(name)
        return name

    def as_uint8(name, prefix):
        if name not in quantised:
            sc, zp = qparams(prefix + "_x", *ranges[name])
            new_nodes.append(helper.make_node("QuantizeLinear", [name, sc, zp], [prefix + "_xq"]))
            quantised[name] = (prefix + "_xq", sc, zp)
        return quantised[name]

    def clamp_below(node):
        """The Max(x, c) right after a LeakyRelu, c a scalar initializer: a lower clamp."""
        after = consumers.get(node.output[0], [])
        if len(after) == 1 and after[0].op_type == "Max" and node.output[0] not in outputs:
            other = [i for i in after[0].input if i != node.output[0]]
            if len(other) == 1 and other[0] in inits and numpy_helper.to_array(inits[other[0]]).size == 1:
                return after[0], float(numpy_helper.to_array(inits[other[0]]).reshape(-1)[0])
        return None, None

    for node in graph.node:
        if node.output[0] in fused:
            continue
        p = (node.name or node.output[0]).replace("/", "_").replace(":", "_")
        if (node.op_type == "Conv" and node.input[1] in inits and node.input[0] in ranges
                and node.output[0] in ranges):
            xq, xs_name, xz_name = as_uint8(node.input[0], p)
            xs = numpy_helper.to_array([i for i in graph.initializer if i.name == xs_name][0])
            w = numpy_helper.to_array(inits[node.input[1]])
            flat = w.reshape(w.shape[0], -1)
            wscale = (np.maximum(np.abs(flat).max(axis=1), 1e-12) / 127.0).astype(np.float32)
            wq = np.clip(np.round(flat / wscale[:, None]), -127, 127).astype(np.int8).reshape(w.shape)
            drop.add(node.input[1])
            graph.initializer.append(numpy_helper.from_array(wq, p + "_wq"))
            graph.initializer.append(numpy_helper.from_array(wscale, p + "_ws"))
            graph.initializer.append(numpy_helper.from_array(np.zeros(w.shape[0], dtype=np.int8), p + "_wz"))
            ys, yz = qparams(p + "_y", *ranges[node.output[0]])
            inputs = [xq, xs_name, xz_name, p + "_wq", p + "_ws", p + "_wz", ys, yz]
            if len(node.input) > 2 and node.input[2]:
                b = numpy_helper.to_array(inits[node.input[2]])
                drop.add(node.input[2])
                bq = np.round(b / (np.float64(xs) * wscale)).astype(np.int32)
                graph.initializer.append(numpy_helper.from_array(bq, p + "_bq"))
                inputs.append(p + "_bq")
            op = helper.make_node("QLinearConv", inputs, [p + "_yq"])
            op.attribute.extend(node.attribute)
            new_nodes.append(op)
            quantised[node.output[0]] = (p + "_yq", ys, yz)
            done += 1
        elif node.op_type == "LeakyRelu" and node.input[0] in quantised:
            # LeakyRelu then Max(., c): one integer op whose output range starts at c, so that
            # saturating at 0 is the clamp
            clamp, c = clamp_below(node)
            xq, xs, xz = quantised[node.input[0]]
            hi = ranges[node.input[0]][1]
            lo = c if clamp is not None else min(0.0, ranges[node.input[0]][0] * 0.2)
            ys, yz = qparams(p + "_y", lo, hi)
            op = helper.make_node("QLinearLeakyRelu", [xq, xs, xz, ys, yz], [p + "_yq"], domain="com.microsoft")
            op.attribute.extend(node.attribute)
            new_nodes.append(op)
            out = clamp.output[0] if clamp is not None else node.output[0]
            if clamp is not None:
                fused.add(clamp.output[0])
            quantised[out] = (p + "_yq", ys, yz)
        elif node.op_type == "MaxPool" and node.input[0] in quantised:
            xq, xs, xz = quantised[node.input[0]]
            op = helper.make_node("MaxPool", [xq], [p + "_yq"])
            op.attribute.extend(node.attribute)
            new_nodes.append(op)
            quantised[node.output[0]] = (p + "_yq", xs, xz)
        else:
            node.input[:] = [as_float(i) if i in quantised else i for i in node.input]
            new_nodes.append(node)
            floats.update(node.output)
    for o in outputs:
        if o in quantised:
            as_float(o)
    if any(n.domain == "com.microsoft" for n in new_nodes):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    # the clamps' constants went into the integer operators' output ranges
    used = {i for n in new_nodes for i in n.input}
    drop |= {i.name for i in graph.initializer if i.name not in used}
    finish(model, new_nodes, drop, dst, check=False)
    print(f"quantised {done} operators statically: {src} -> {dst}")


def finish(model, new_nodes, drop, dst, check=True):
    graph = model.graph
    del graph.node[:]
    graph.node.extend(new_nodes)
    keep = [i for i in graph.initializer if i.name not in drop]
    del graph.initializer[:]
    graph.initializer.extend(keep)
    if check:  # the checker knows no com.microsoft operators
        onnx.checker.check_model(model)
    onnx.save(model, dst)


def quantise_rows(graph, new_nodes, p, x, w_zero, wq_t):
    """Nodes quantising the rows of x [rows, K] each alone (DynamicQuantizeLinear's scale and zero
    point per row) and multiplying them by the uint8 weights wq_t [K, N] into the int32 P_yi; returns
    the name of the rows' scales [rows, 1]."""
    def const(name, value, dtype=np.float32):
        graph.initializer.append(numpy_helper.from_array(np.array(value, dtype=dtype), p + name))
        return p + name

    def node(op, inputs, out, **attrs):
        new_nodes.append(helper.make_node(op, inputs, [p + out], **attrs))
        return p + out

    zero, top = const("_0", 0.0), const("_255", 255.0)
    hi = node("Max", [node("ReduceMax", [x], "_rmax", axes=[1], keepdims=1), zero], "_hi")
    lo = node("Min", [node("ReduceMin", [x], "_rmin", axes=[1], keepdims=1), zero], "_lo")
    # a row of zeros gets any positive scale (its codes are all the zero point, 0)
    scale = node("Max", [node("Div", [node("Sub", [hi, lo], "_range"), top], "_s"), const("_tiny", 1e-30)], "_xs")
    zp = node("Round", [node("Div", [node("Neg", [lo], "_nlo"), scale], "_zpx")], "_zp")
    codes = node("Add", [node("Round", [node("Div", [x, scale], "_xx")], "_xr"), zp], "_xz")
    xq = node("Cast", [node("Clip", [codes, zero, top], "_xc")], "_xq", to=TensorProto.UINT8)
    graph.initializer.append(numpy_helper.from_array(wq_t, p + "_wq"))
    sums = (wq_t.astype(np.int32) - 128).sum(axis=0, keepdims=True).astype(np.int32)
    graph.initializer.append(numpy_helper.from_array(sums, p + "_wsum"))
    product = node("MatMulInteger", [xq, p + "_wq", "", w_zero], "_xw")
    shift = node("Mul", [node("Cast", [zp], "_zpi", to=TensorProto.INT32), p + "_wsum"], "_shift")
    node("Sub", [product, shift], "_yi")
    return scale


def main(src, dst, per_row=False):
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
        if per_row and node.op_type == "Gemm":
            xs = quantise_rows(graph, new_nodes, p, x, zp.name, np.ascontiguousarray(q.T))
            scale_shape = (w.shape[0],)
        else:
            new_nodes.append(helper.make_node("DynamicQuantizeLinear", [x], [p + "_xq", p + "_xs", p + "_xzp"]))
            xs = p + "_xs"
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
        new_nodes.append(helper.make_node("Mul", [xs, p + "_ws"], [p + "_scale"]))
        has_bias = len(node.input) > 2 and node.input[2]
        scaled = p + "_scaled" if has_bias else node.output[0]
        new_nodes.append(helper.make_node("Mul", [p + "_yf", p + "_scale"], [scaled]))
        if has_bias:
            b = numpy_helper.to_array(inits[node.input[2]])
            drop.add(node.input[2])
            graph.initializer.append(numpy_helper.from_array(b.reshape(scale_shape).astype(np.float32), p + "_b"))
            new_nodes.append(helper.make_node("Add", [scaled, p + "_b"], [node.output[0]]))
        done += 1
    finish(model, new_nodes, drop, dst)
    print(f"quantised {done} operators: {src} -> {dst}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 4 and args[0] == "--static":
        static(args[2], args[3], args[1])
    elif len(args) == 3 and args[0] == "--per-row":
        main(args[1], args[2], per_row=True)
    elif len(args) == 2:
        main(args[0], args[1])
    else:
        raise SystemExit(__doc__)
