#!/usr/bin/env bash
# Rebuilds Hark's neural acoustic model (the "student", asr/src/main/resources/dev/hark/asr/) from
# the public corpora prepared by scripts/prepare-corpora.sh, deterministically:
#   1. StudentTrainingData (Java, test sources of hark-asr): the Sphinx GMM force-aligns the clean
#      speechocean762 utterances to their transcripts (the teacher's labels) and Hark's own frontend
#      computes the features of 8 noisy copies of each (noise/train only; speed, level, padding,
#      reverberation, band limit), plus a development set of held-out speakers in noise/measure.
#   2. train_student.py: the TDNN student, cross-entropy to the teacher's CI-state labels, in two
#      stages (the second continues from the first with a fresh learning-rate cycle; the shipped
#      model is the second's). STUDENT_STAGE3_STEPS=2800 adds a third such stage (peak rate 1.5e-3):
#      measured, not shipped (docs/benchmarks/asr.md, third session).
#   3. export_student.py + scripts/speaker/quantize.py: streaming ONNX, fp32 and int8.
#   4. The files and their sha256 into the model description, and the Java tests' reference.
# Needs Debian's python3-torch, python3-onnx, python3-numpy, pocketsphinx-en-us and
# pocketsphinx-testdata, a built checkout (mvn install), run by /usr/bin/python3.
#
#   scripts/asr-student.sh CORPUS [WORKDIR]     (CORPUS: the output folder of prepare-corpora.sh)
#
# Cost on the 2-core build machine: see docs/asr.md ("Neural acoustic model", Training); CPU time is printed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:?usage: scripts/asr-student.sh CORPUS [WORKDIR]}"
work="${2:-$root/build/asr-student}"
res="$root/asr/src/main/resources/dev/hark/asr"
py=/usr/bin/python3
steps="${STUDENT_STEPS:-1200}"
more_steps="${STUDENT_MORE_STEPS:-2000}"
stage3_steps="${STUDENT_STAGE3_STEPS:-0}"
mkdir -p "$work"
(cd "$root" && mvn -B -q -o test-compile -pl asr)
cp_asr="$root/asr/target/classes:$root/asr/target/test-classes:$(cd "$root" && mvn -B -q -o dependency:build-classpath \
    -pl asr -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test | sed 's/\x1b\[[0-9;]*m//g')"
java_main() { java -Xmx3g -cp "$cp_asr" "$@"; }
[ -f "$work/train/copy7.tsv.done" ] || {
    java_main dev.hark.asr.neural.StudentTrainingData "$corpus" "$work/train" train 8 --threads 2
    touch "$work/train/copy7.tsv.done"
}
[ -f "$work/dev/copy2.tsv.done" ] || {
    java_main dev.hark.asr.neural.StudentTrainingData "$corpus" "$work/dev" dev clean,18,6 --threads 2
    touch "$work/dev/copy2.tsv.done"
}
cd "$root/scripts/asr"
"$py" train_student.py "$work/train" "$work/dev" "$work/student-stage1.pt" --steps "$steps" --hidden 256 --threads 1
"$py" train_student.py "$work/train" "$work/dev" "$work/student-stage2.pt" --init "$work/student-stage1.pt" \
    --steps "$more_steps" --lr 2e-3 --warmup 0.05 --save-every 500 --hidden 256 --threads 1
if [ "$stage3_steps" -gt 0 ]; then
    "$py" train_student.py "$work/train" "$work/dev" "$work/student.pt" --init "$work/student-stage2.pt" \
        --steps "$stage3_steps" --lr 1.5e-3 --warmup 0.05 --save-every 400 --hidden 256 --threads 1
else
    cp "$work/student-stage2.pt" "$work/student.pt"
fi
"$py" export_student.py "$work/student.pt" "$work/hark-asr-student.onnx"
"$py" ../speaker/quantize.py "$work/hark-asr-student.onnx" "$work/hark-asr-student.int8.onnx"
cp "$work/hark-asr-student.onnx" "$work/hark-asr-student.int8.onnx" "$res/"
java_main dev.hark.asr.neural.ReferenceFeatures /usr/share/pocketsphinx/test/data/goforward.raw "$work/goforward.f32"
"$py" export_reference.py "$work/student.pt" "$work/goforward.f32" goforward.raw \
    "$root/asr/src/test/resources/dev/hark/asr/student-reference.json"
# record the new files' sha256 in the description Hark checks them against
"$py" - "$res" <<'PY'
import hashlib, json, sys
res = sys.argv[1]
path = f"{res}/hark-asr-student.json"
d = json.load(open(path))
d["sha256"] = {k: hashlib.sha256(open(f"{res}/{d['files'][k]}", "rb").read()).hexdigest() for k in ("fp32", "int8")}
json.dump(d, open(path, "w"), indent=2)
open(path, "a").write("\n")
print(json.dumps(d["sha256"], indent=2))
PY
