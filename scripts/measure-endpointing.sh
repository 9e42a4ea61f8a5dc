#!/usr/bin/env bash
# Hark's end-of-command decision on the 206 real recordings of ../shared/data/commands-dev, against
# where their speech really ends (docs/BENCHMARKS.md records a run): premature ends and the delay after
# the last word, with real room noise under each recording at 30, 20 and 10 dB below the speech.
#
#   scripts/measure-endpointing.sh NOISE_DIR [--snr 30,20,10] [--end-silence MS] [--details yes]
#
# NOISE_DIR: real room noise, e.g. noise/measure of the folder scripts/prepare-corpora.sh made.
# --details writes one line per recording and noise level to stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 1 ] || { sed -n '6p' "$0" | sed 's/^# \{0,2\}//' >&2; exit 2; }
[ -d "$1" ] || { echo "measure-endpointing: $1: not a folder of room noise" >&2; exit 2; }
noise=$(find "$1" -name '*.wav' | sort | paste -sd, -); shift
[ -n "$noise" ] || { echo "measure-endpointing: no .wav files in the noise folder" >&2; exit 2; }
cd "$root"
mvn -q -o install -DskipTests
mvn -q -o dependency:build-classpath -pl runtime -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="runtime/target/test-classes:runtime/target/classes:$(cat runtime/target/bench.classpath)"
exec java -Dhark.root="$root" -cp "$cp" dev.hark.runtime.loop.EndpointingBenchmark --noise "$noise" "$@"
