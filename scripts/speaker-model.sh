#!/usr/bin/env bash
# Rebuilds Hark's built-in speaker model from real speech, deterministically:
#
#   scripts/speaker-model.sh --noise NOISE_DIR --rir RIR_DIR [--work DIR] CORPUS_DIR...
#
# CORPUS_DIR: folders of SPEAKER/*.wav (16 kHz mono), as scripts/prepare-corpora.sh writes them, e.g.
# PREPARED/speech/librispeech and PREPARED/speech/speechocean762; NOISE_DIR: real noise that may be
# trained on (PREPARED/noise/train, never noise/measure); RIR_DIR: room impulse responses
# (PREPARED/rir). Steps: split the speakers into train/dev/test (corpus.py), train (train.py),
# export to ONNX (export.py), int8 quantisation (quantize.py), float16 storage of the float model's
# weights (half_weights.py), the AS-norm cohort of training
# speakers (make_cohort.py), the reference the Java tests compare against (export_reference.py), and
# the default threshold calibrated on the development speakers by `hark speaker evaluate`. The model
# files, the cohort, their sha256 and the threshold go into speaker/src/main/resources/dev/hark/speaker/
# (speaker-model.json) and models/models.json. Needs Debian's python3-torch, python3-onnx,
# python3-scipy, sox, Maven and a JDK 17; about 1.5 h of CPU on 2 cores (train.py: one process
# training, one making examples). See scripts/speaker/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() { sed -n 4p "$0" | sed 's/^# *//' >&2; exit 2; }
noise="" rir="" work="$root/build/speaker" corpora=()
while [ $# -gt 0 ]; do
  case "$1" in
    --noise) noise=$2; shift 2;;
    --rir) rir=$2; shift 2;;
    --work) work=$2; shift 2;;
    -*) usage;;
    *) corpora+=("$1"); shift;;
  esac
done
[ -n "$noise" ] && [ -n "$rir" ] && [ ${#corpora[@]} -gt 0 ] || usage
for d in "$noise" "$rir" "${corpora[@]}"; do
  [ -d "$d" ] || { echo "speaker-model: $d: not a folder" >&2; exit 2; }
done
case "$noise" in *measure*) echo "speaker-model: $noise: noise kept for measuring is never trained on" >&2; exit 2;; esac
res="$root/speaker/src/main/resources/dev/hark/speaker"
name=hark-speaker-ecapa
py=/usr/bin/python3
s="$root/scripts/speaker"
mkdir -p "$work"

"$py" "$s/corpus.py" "$work/data" "${corpora[@]}"
# three stages (train.py says why), each cut short by the time a shared 2-core machine gave: 1,200 steps
# of the 2,400-step one-cycle schedule; the first 300 of 400 annealing steps; from those weights a
# fresh head and the first 600 of 1,000 annealing steps (seed 17) -- the shipped model
[ -f "$work/stage1.pt" ] || "$py" "$s/train.py" "$work/stage1.pt" --stop 1200 --noise "$noise" --rir "$rir" "${corpora[@]}"
[ -f "$work/stage2.pt" ] || "$py" "$s/train.py" "$work/stage2.pt" --init "$work/stage1.pt" --stop 300 --noise "$noise" --rir "$rir" "${corpora[@]}"
[ -f "$work/model.pt" ] || "$py" "$s/train.py" "$work/model.pt" --init "$work/stage2.pt" --steps 1000 --stop 600 --seed 17 \
    --noise "$noise" --rir "$rir" "${corpora[@]}"
"$py" "$s/export.py" "$work/model.pt" "$work/$name.float.onnx"
"$py" "$s/quantize.py" "$work/$name.float.onnx" "$work/$name.int8.onnx"
"$py" "$s/half_weights.py" "$work/$name.float.onnx" "$work/$name.onnx"
"$py" "$s/make_cohort.py" "$work/$name.float.onnx.pt" "$work/speaker-cohort.f32" "${corpora[@]}"
cp "$work/$name.onnx" "$work/$name.int8.onnx" "$work/speaker-cohort.f32" "$res/"
"$py" "$s/export_reference.py" "$work/$name.float.onnx.pt" "$root/speaker/src/test/resources/dev/hark/speaker/reference.json"
"$py" "$s/describe.py" "$root" --digests

# the default threshold: the open-set equal-error point on the development speakers, at 16 kHz and
# band-limited to 8 kHz, each enrolled from their first 3 recordings, test segments of 2 and 3 s (the
# loop scores wake word + command, 2 s or more; 1 s segments would pull the threshold down for all)
(cd "$root" && mvn -B -q -o install -DskipTests -pl audio,wakeword,speaker,runtime -am)
java -Dhark.root="$root" -jar "$root/runtime/target/hark-runtime.jar" speaker evaluate --json --lengths 2,3 \
    --calibrate "$work/data/dev" --calibrate "$work/data/dev-8k" "$work/data/dev" | head -1 > "$work/calibration.json"
"$py" "$s/describe.py" "$root" --threshold "$work/calibration.json"
(cd "$root" && mvn -B -q -o install -DskipTests -pl speaker,runtime)
