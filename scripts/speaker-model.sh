#!/usr/bin/env bash
# Rebuilds Hark's built-in speaker model from scratch, deterministically: synthetic + pocketsphinx
# training corpus, TDNN training, ONNX export, int8 quantisation, and the reference the Java tests
# compare against. Needs Debian's python3-torch, python3-onnx, python3-numpy, flite, espeak-ng and
# sox (apt-get install python3-torch python3-onnx python3-numpy flite espeak-ng sox), run by
# /usr/bin/python3. Takes about 15-25 minutes on 2 cores. See scripts/speaker/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$root/build/speaker}"
res="$root/speaker/src/main/resources/dev/hark/speaker"
py=/usr/bin/python3
mkdir -p "$work"
[ -f "$work/corpus/manifest.tsv" ] || "$py" "$root/scripts/speaker/make_corpus.py" "$work/corpus"
"$py" "$root/scripts/speaker/train.py" "$work/corpus" "$work/tdnn.pt"
"$py" "$root/scripts/speaker/export.py" "$work/tdnn.pt" "$work/hark-speaker-tdnn.onnx"
"$py" "$root/scripts/speaker/quantize.py" "$work/hark-speaker-tdnn.onnx" "$work/hark-speaker-tdnn.int8.onnx"
cp "$work/hark-speaker-tdnn.onnx" "$work/hark-speaker-tdnn.int8.onnx" "$res/"
"$py" "$root/scripts/speaker/export_reference.py" "$work/hark-speaker-tdnn.onnx.pt" \
    "$root/speaker/src/test/resources/dev/hark/speaker/reference.json"
# record the new files' sha256 in the description that Hark checks them against
"$py" - "$res" <<'PY'
import hashlib, json, sys
res = sys.argv[1]
path = f"{res}/speaker-model.json"
d = json.load(open(path))
d["sha256"] = {k: hashlib.sha256(open(f"{res}/{d['files'][k]}", "rb").read()).hexdigest() for k in ("fp32", "int8")}
json.dump(d, open(path, "w"), indent=2)
open(path, "a").write("\n")
print(json.dumps(d["sha256"], indent=2))
PY
