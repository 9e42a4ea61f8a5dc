#!/usr/bin/env bash
# Measures the recogniser on spoken digits with a digit grammar:
#
#   scripts/fsdd-eval.sh [--every N] [--work DIR] FSDD_DIR [hark eval options...]
#
# FSDD_DIR: recordings named {digit}_{speaker}_{index}.wav (the Free Spoken Digit Dataset's naming;
# ../shared/data/fsdd holds four of its speakers, CC BY-SA 4.0, for measuring only). Writes a one-intent
# assistant whose only slot is the digit said ("zero" ... "nine") and the labels of every N-th recording
# (index % N == 0; default 5, i.e. 400 of the 2,000) into DIR (default build/fsdd-eval), links those
# recordings there, then runs `hark eval` on them with the remaining options, e.g.
#   --noise /work/corpora/prepared/noise/measure --snr clean,24,18,12,6 --acoustic-model neural
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() { sed -n 4p "$0" | sed 's/^# *//' >&2; exit 2; }
every=5 work="$root/build/fsdd-eval"
while [ $# -gt 0 ]; do
  case "$1" in
    --every) every=$2; shift 2;;
    --work) work=$2; shift 2;;
    -h|--help) usage;;
    *) break;;
  esac
done
[ $# -ge 1 ] || usage
fsdd=$1; shift
[ -d "$fsdd" ] || { echo "fsdd-eval: $fsdd: not a folder" >&2; exit 2; }
case "$every" in ''|*[!0-9]*|0) echo "fsdd-eval: --every $every: not a positive whole number" >&2; exit 2;; esac
rm -rf "$work/wav"
mkdir -p "$work/wav"
/usr/bin/python3 - "$fsdd" "$every" "$work" <<'EOF'
import json, os, re, sys
fsdd, every, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
assistant = {
    "language": "en",
    "intents": {"sayDigit": {"utterances": [
        {"data": [{"text": w, "entity": "digit", "slot_name": "digit"}]} for w in words]}},
    "entities": {"digit": {"data": [{"value": w, "synonyms": []} for w in words],
                           "use_synonyms": True, "automatically_extensible": False,
                           "matching_strictness": 1.0}},
}
labels = {}
for name in sorted(os.listdir(fsdd)):
    m = re.fullmatch(r"(\d)_([A-Za-z]+)_(\d+)\.wav", name)
    if m and int(m.group(3)) % every == 0:
        labels[name] = {"intent": "sayDigit", "slots": {"digit": words[int(m.group(1))]}}
        os.symlink(os.path.abspath(os.path.join(fsdd, name)), os.path.join(work, "wav", name))
if not labels:
    sys.exit(f"fsdd-eval: {fsdd}: no recording named DIGIT_SPEAKER_INDEX.wav")
with open(os.path.join(work, "digits.json"), "w") as f:
    json.dump(assistant, f, indent=1)
with open(os.path.join(work, "labels.json"), "w") as f:
    json.dump(labels, f, indent=1, sort_keys=True)
print(f"fsdd-eval: {len(labels)} recordings, every {every}th of {fsdd}", file=sys.stderr)
EOF
exec "$root/hark" eval --assistant "$work/digits.json" --labels "$work/labels.json" "$@" "$work/wav"
