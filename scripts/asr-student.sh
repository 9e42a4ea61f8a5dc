#!/usr/bin/env bash
# Rebuilds Hark's neural acoustic model (the "student", asr/src/main/resources/dev/hark/asr/) from
# the public corpora prepared by scripts/prepare-corpora.sh, deterministically:
#   1. StudentTrainingData (Java, test sources of hark-asr): the Sphinx GMM force-aligns the clean
#      speechocean762 utterances to their transcripts (the teacher's labels) and Hark's own frontend
#      computes the features of 8 noisy copies of each (noise/train only; speed, level, padding,
#      reverberation, band limit), plus a development set of held-out speakers in noise/measure.
#   2. Babble: make_babble.py sums 3-8 talkers of the training speech (speechocean762 train/, the
#      LibriSpeech train-clean excerpts; half the files reverberated) into 24 files, beside the 4
#      crowd-like recordings of noise/train; StudentTrainingData writes 2 more copies of every
#      training utterance in that noise at 0-20 dB (no clean copy), then one more with 0-3 s of
#      that noise alone before the speech and 0-6 s after it (--pad 3,6): a commands-dev recording
#      has 1.3 s before and 4 s after the command (medians), speechocean762 0.5 s, and the student
#      took the talkers there for more words (benchmarks). With STUDENT_PAD2_STEPS > 0 two more
#      padded copies: one in noise/train as copies 0-7 are made (-3..30 dB) but padded 3,6 and
#      never clean, one more in the babble with another seed.
#   3. train_student.py: the TDNN student (a 21-frame field, STUDENT_RIGHT frames of it after the scored
#      frame: default 4, so that with 4 frames per run a frame's scores come 100 ms after it; 7 until the
#      tenth session), cross-entropy to the teacher's CI-state labels, in stages,
#      each continuing from the one before with a fresh learning-rate cycle: 1,200 steps, 2,000 more,
#      then STUDENT_BABBLE_STEPS on copies 0-5 and the 2 babble copies (31 % of the frames in
#      babble). STUDENT_STAGE3_STEPS=2800 instead adds a third stage on the first data alone (peak
#      rate 1.5e-3): measured, not shipped (docs/benchmarks/asr.md, third session).
#      Then STUDENT_PAD_STEPS (2000; 0 = stop after the babble stage) from the
#      babble stage's weights on copies 0-5, the 2 babble copies and the padded one (23 % of the frames).
#      STUDENT_PAD2_STEPS (default 0; needs STUDENT_LIBRI_STEPS=0) more from those weights on copies
#      0-7, the babble copies and the 3 padded ones (42 % of the frames padded; 29.0 M frames):
#      measured with 3200 (its checkpoints), no better on commands-dev: not shipped (benchmarks,
#      sixth session).
#      STUDENT_LIBRI_STEPS (the shipped weights: 1200; 0 = stop after the padded stage) more from the padded stage's weights on
#      its data plus the LibriSpeech excerpts (native adult speech, no transcripts): pocketsphinx_batch
#      with Debian's generic en-us language model transcribes them, the GMM aligns those transcripts,
#      frames where the alignment fits badly get no label (StudentTrainingData --max-gap
#      STUDENT_LIBRI_GAP, default 3.5 nats: on 47 excerpts their recognised transcripts keep 84 % of the
#      frames, the same with every third word replaced 38 %), and 6 copies in noise/train are made as
#      speechocean762's copies 0-5 (none in babble: the CPU time of the session that tried it), given
#      twice so that the excerpts weigh as their share of the speech hours (17 % of the frames).
#      STUDENT_PAD_STEPS=0 STUDENT_LIBRI_STEPS=0 STUDENT_WIDEN=384 instead widens the babble stage's result (widen_student.py,
#      Net2WiderNet: same function, more hidden units) and trains it STUDENT_WIDE_STEPS more (default
#      1600) on the babble stage's data: measured, not shipped (docs/benchmarks/asr.md, fifth session).
#   4. export_student.py + scripts/speaker/quantize.py: streaming ONNX, fp32 and int8, STUDENT_CHUNK
#      frames per run (default 4: the network's weights touched once per 4 frames; docs/asr.md), the
#      int8 activations quantised per frame (--per-row), so the scores are those of one frame per run. The
#      fusion weights in hark-asr-student.json (GMM 0.5 : student 1) are measured, not written here.
#   5. The files, their sha256, the frames per run, the context and the cache shapes into the model description,
#      and the Java tests' reference.
# Order on the 2 cores: step 1's data and the development set on both; then the training stages on one
# core while the babble, padded and LibriSpeech data are made on the other (each stage waits for its
# data), so the run takes step 1 plus the training stages rather than every step in turn.
# Needs Debian's python3-torch, python3-onnx, python3-numpy, python3-scipy (make_babble.py), pocketsphinx
# (pocketsphinx_batch), pocketsphinx-en-us and pocketsphinx-testdata, a built checkout (mvn install), run
# by /usr/bin/python3.
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
babble_steps="${STUDENT_BABBLE_STEPS:-2000}"
chunk="${STUDENT_CHUNK:-4}"
right="${STUDENT_RIGHT:-4}"
widen="${STUDENT_WIDEN:-0}"
wide_steps="${STUDENT_WIDE_STEPS:-1600}"
pad_steps="${STUDENT_PAD_STEPS:-2000}"
pad2_steps="${STUDENT_PAD2_STEPS:-0}"
libri_steps="${STUDENT_LIBRI_STEPS:-1200}"
libri_gap="${STUDENT_LIBRI_GAP:-3.5}"
[ "$pad2_steps" -eq 0 ] || [ "$libri_steps" -eq 0 ] || { echo "STUDENT_PAD2_STEPS and STUDENT_LIBRI_STEPS: one at a time" >&2; exit 2; }
[ "$pad_steps" -gt 0 ] || [ "$libri_steps" -eq 0 ] || { echo "STUDENT_LIBRI_STEPS continues the padded stage: needs STUDENT_PAD_STEPS > 0" >&2; exit 2; }
crowd="moodist-places-crowded-bar moodist-urban-crowd moodist-places-supermarket blanket-coffee-shop"
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
# The rest of the data is made on one core while the first training stages run on the other: each
# StudentTrainingData writes its utterances in corpus order whatever its threads, and each training
# stage waits for its data's .done, so the files and weights are those of a sequential run.
more_data() {
    [ -f "$work/babble-noise/.done" ] || {
        "$py" "$root/scripts/asr/make_babble.py" "$work/babble-noise" --speechocean "$corpus/speech/speechocean762/train" \
            --librispeech "$corpus/speech/librispeech" --rir "$corpus/rir" --files 24 --seconds 30
        for f in $crowd; do cp "$corpus/noise/train/$f.wav" "$work/babble-noise/"; done
        touch "$work/babble-noise/.done"
    }
    [ -f "$work/babble/copy1.tsv.done" ] || {
        java_main dev.hark.asr.neural.StudentTrainingData "$corpus" "$work/babble" train 2 --noise "$work/babble-noise" \
            --snr 0,20 --clean-share 0 --seed 15 --threads 1
        touch "$work/babble/copy1.tsv.done"
    }
    [ "$pad_steps" -eq 0 ] || [ -f "$work/babble-pad/copy0.tsv.done" ] || {
        java_main dev.hark.asr.neural.StudentTrainingData "$corpus" "$work/babble-pad" train 1 --noise "$work/babble-noise" \
            --snr 0,20 --clean-share 0 --pad 3,6 --seed 16 --threads 1
        touch "$work/babble-pad/copy0.tsv.done"
    }
    [ "$pad2_steps" -eq 0 ] || [ -f "$work/train-pad/copy0.tsv.done" ] || {
        java_main dev.hark.asr.neural.StudentTrainingData "$corpus" "$work/train-pad" train 1 \
            --clean-share 0 --pad 3,6 --seed 17 --threads 1
        touch "$work/train-pad/copy0.tsv.done"
    }
    [ "$pad2_steps" -eq 0 ] || [ -f "$work/babble-pad2/copy0.tsv.done" ] || {
        java_main dev.hark.asr.neural.StudentTrainingData "$corpus" "$work/babble-pad2" train 1 --noise "$work/babble-noise" \
            --snr 0,20 --clean-share 0 --pad 3,6 --seed 18 --threads 1
        touch "$work/babble-pad2/copy0.tsv.done"
    }
    if [ "$libri_steps" -gt 0 ]; then
        libri="$corpus/speech/librispeech"
        [ -f "$work/libri/librispeech.text" ] || {
            mkdir -p "$work/libri"
            (cd "$libri" && find . -name '*.wav' | sed 's|^\./||; s|\.wav$||' | sort) > "$work/libri/all.ctl"
            # as measured (seventh session, on a loaded machine): the first 110 excerpts in name order with
            # the default three passes, the other train-clean ones (one excerpt per speaker) with the first
            # pass only (0.25 x real time), the remaining 53 test-other ones left out
            head -n 110 "$work/libri/all.ctl" > "$work/libri/first.ctl"
            tail -n +111 "$work/libri/all.ctl" | while IFS=/ read -r spk utt; do
                [ "$(ls "$libri/$spk" | wc -l)" -eq 1 ] && echo "$spk/$utt"; done > "$work/libri/rest.ctl"
            m=/usr/share/pocketsphinx/model/en-us
            decode() {  # CTL HYP [options]
                pocketsphinx_batch -adcin yes -cepdir "$libri" -cepext .wav -ctl "$1" -hmm "$m/en-us" -lm "$m/en-us.lm.bin" \
                    -dict "$m/cmudict-en-us.dict" -hyp "$2" "${@:3}" 2>> "$work/libri/decode.log"
            }
            decode "$work/libri/first.ctl" "$work/libri/first.hyp"
            decode "$work/libri/rest.ctl" "$work/libri/rest.hyp" -fwdflat no -bestpath no
            # "words (SPK/UTT score)" -> "UTT words"
            cat "$work/libri/first.hyp" "$work/libri/rest.hyp" | sed -E 's/^(.*)\(([^ ]*\/)?([^ /]+) -?[0-9]+\)$/\3 \1/; s/ +$//' \
                > "$work/libri/librispeech.text.tmp"
            mv "$work/libri/librispeech.text.tmp" "$work/libri/librispeech.text"
        }
        [ -f "$work/libri-train/copy5.tsv.done" ] || {
            java_main dev.hark.asr.neural.StudentTrainingData "$corpus" "$work/libri-train" train 6 --speech "$libri" \
                --text "$work/libri/librispeech.text" --max-gap "$libri_gap" --gaps "$work/libri-train/gaps.tsv" --threads 1
            touch "$work/libri-train/copy5.tsv.done"
        }
    fi
}
more_data &
data_job=$!
data_status=
trap '[ -n "$data_status" ] || { pkill -P "$data_job"; kill "$data_job"; } 2>/dev/null' EXIT
# data_finished: waits for the background data job; stops the script if it failed
data_finished() {
    [ -n "$data_status" ] || { wait "$data_job" && data_status=0 || data_status=$?; }
    [ "$data_status" -eq 0 ] || { echo "asr-student: making the data failed" >&2; exit 1; }
}
# await FILE: until the background data job has written FILE
await() {
    while [ ! -f "$1" ]; do
        kill -0 "$data_job" 2>/dev/null || { data_finished; [ -f "$1" ] || { echo "asr-student: $1 was not written" >&2; exit 1; }; }
        sleep 10
    done
}
cd "$root/scripts/asr"
"$py" train_student.py "$work/train" "$work/dev" "$work/student-stage1.pt" --steps "$steps" --hidden 256 --threads 1 \
    --right "$right"
"$py" train_student.py "$work/train" "$work/dev" "$work/student-stage2.pt" --init "$work/student-stage1.pt" \
    --steps "$more_steps" --lr 2e-3 --warmup 0.05 --save-every 500 --hidden 256 --threads 1
if [ "$stage3_steps" -gt 0 ]; then
    "$py" train_student.py "$work/train" "$work/dev" "$work/student.pt" --init "$work/student-stage2.pt" \
        --steps "$stage3_steps" --lr 1.5e-3 --warmup 0.05 --save-every 400 --hidden 256 --threads 1
else
    await "$work/babble/copy1.tsv.done"
    babble_out="$work/student.pt"
    [ "$pad_steps" -eq 0 ] || babble_out="$work/student-babble.pt"
    "$py" train_student.py "$work/train" "$work/dev" "$babble_out" --init "$work/student-stage2.pt" \
        --copies 0,1,2,3,4,5 --extra "$work/babble" --steps "$babble_steps" --lr 1.5e-3 --warmup 0.05 --save-every 400 \
        --hidden 256 --threads 1
    pad_out="$work/student.pt"
    [ "$pad2_steps" -eq 0 ] && [ "$libri_steps" -eq 0 ] || pad_out="$work/student-pad.pt"
    [ "$pad_steps" -eq 0 ] || await "$work/babble-pad/copy0.tsv.done"
    [ "$pad_steps" -eq 0 ] || "$py" train_student.py "$work/train" "$work/dev" "$pad_out" --init "$babble_out" \
        --copies 0,1,2,3,4,5 --extra "$work/babble" --extra "$work/babble-pad" --steps "$pad_steps" --lr 1.5e-3 \
        --warmup 0.05 --save-every 400 --hidden 256 --threads 1
    [ "$pad2_steps" -eq 0 ] || { await "$work/train-pad/copy0.tsv.done"; await "$work/babble-pad2/copy0.tsv.done"; }
    [ "$pad2_steps" -eq 0 ] || "$py" train_student.py "$work/train" "$work/dev" "$work/student.pt" --init "$pad_out" \
        --copies 0,1,2,3,4,5,6,7 --extra "$work/babble" --extra "$work/babble-pad" --extra "$work/babble-pad2" \
        --extra "$work/train-pad" --steps "$pad2_steps" --lr 1.5e-3 --warmup 0.05 --save-every 400 --hidden 256 --threads 1
    [ "$libri_steps" -eq 0 ] || await "$work/libri-train/copy5.tsv.done"
    [ "$libri_steps" -eq 0 ] || "$py" train_student.py "$work/train" "$work/dev" "$work/student.pt" --init "$pad_out" \
        --copies 0,1,2,3,4,5 --extra "$work/babble" --extra "$work/babble-pad" --extra "$work/libri-train" \
        --extra "$work/libri-train" --steps "$libri_steps" --lr 1.5e-3 --warmup 0.05 \
        --save-every 400 --hidden 256 --threads 1
fi
data_finished
if [ "$widen" -gt 0 ]; then
    mv "$work/student.pt" "$work/student-narrow.pt"
    "$py" widen_student.py "$work/student-narrow.pt" "$work/student-widened.pt" --hidden "$widen"
    "$py" train_student.py "$work/train" "$work/dev" "$work/student.pt" --init "$work/student-widened.pt" \
        --copies 0,1,2,3,4,5 --extra "$work/babble" --steps "$wide_steps" --lr 1.5e-3 --warmup 0.05 --save-every 400 \
        --hidden "$widen" --threads 1
fi
"$py" export_student.py --chunk "$chunk" "$work/student.pt" "$work/hark-asr-student.onnx"
rows=(); [ "$chunk" -gt 1 ] && rows=(--per-row)  # one frame per run: the same scales without the extra operators
"$py" ../speaker/quantize.py "${rows[@]}" "$work/hark-asr-student.onnx" "$work/hark-asr-student.int8.onnx"
cp "$work/hark-asr-student.onnx" "$work/hark-asr-student.int8.onnx" "$res/"
java_main dev.hark.asr.neural.ReferenceFeatures /usr/share/pocketsphinx/test/data/goforward.raw "$work/goforward.f32"
"$py" export_reference.py "$work/student.pt" "$work/goforward.f32" goforward.raw \
    "$root/asr/src/test/resources/dev/hark/asr/student-reference.json"
# record the new files' sha256, frames per run, context and cache shapes in the description Hark reads them with
"$py" - "$res" "$chunk" "$work/student.pt" <<'PY'
import hashlib, json, sys
import onnx
import torch
import student as S
res, chunk = sys.argv[1], int(sys.argv[2])
right = S.right_of(torch.load(sys.argv[3], map_location="cpu"))
path = f"{res}/hark-asr-student.json"
d = json.load(open(path))
d["sha256"] = {k: hashlib.sha256(open(f"{res}/{d['files'][k]}", "rb").read()).hexdigest() for k in ("fp32", "int8")}
d["chunk"] = chunk
d["left"], d["right"] = S.left_of(right), right
shapes = {i.name: [x.dim_value for x in i.type.tensor_type.shape.dim]
          for i in onnx.load(f"{res}/{d['files']['fp32']}").graph.input}
for c in d["caches"]:
    c["shape"] = shapes[c["input"]]
json.dump(d, open(path, "w"), indent=2)
open(path, "a").write("\n")
print(json.dumps(d["sha256"], indent=2))
PY
