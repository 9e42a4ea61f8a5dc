#!/usr/bin/env bash
# Writes the FSDD speaker protocol of issue 13 as a folder `hark speaker evaluate` reads
# (OUT/SPEAKER/*.wav, file-name order: the enrollment first):
#   OUT/SPEAKER/enroll-R.wav   digits 0-4 of repetition R said in a row (R = 0, 1, 2): three ~2 s recordings
#   OUT/SPEAKER/test-RR.wav    digits 5-9 of repetition RR (00-49) in a row: fifty ~2 s recordings
# for the four speakers of ../shared/data/fsdd (8 kHz, as recorded; Hark resamples). Measuring only:
# no training script reads FSDD. Deterministic. Needs sox.
#   scripts/speaker/fsdd-folder.sh FSDD_DIR OUT
# then, with corpus.py's band-limited held-out speakers as the unknown fifth voice:
#   ./hark speaker evaluate --lengths 2 --unknown DATA/test-8k OUT
set -euo pipefail
[ $# -eq 2 ] || { sed -n 7p "$0" | sed 's/^# *//' >&2; exit 2; }
fsdd=$1 out=$2
[ -f "$fsdd/0_george_0.wav" ] || { echo "fsdd-folder: $fsdd: no FSDD recordings (0_george_0.wav)" >&2; exit 2; }
for s in george jackson nicolas theo; do
  mkdir -p "$out/$s"
  for r in 0 1 2; do
    sox "$fsdd"/{0,1,2,3,4}_${s}_$r.wav "$out/$s/enroll-$r.wav"
  done
  for r in $(seq 0 49); do
    sox "$fsdd"/{5,6,7,8,9}_${s}_$r.wav "$out/$s/test-$(printf %02d "$r").wav"
  done
done
echo "wrote $out: 4 speakers, 3 enrollment and 50 test recordings each"
