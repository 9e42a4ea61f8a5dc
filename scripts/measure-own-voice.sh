#!/usr/bin/env bash
# Hark hearing its own answers (docs/BENCHMARKS.md records a run): 50 answers that say the wake word,
# played into a real room and mixed into the input after real orders from ../shared/data/commands-dev,
# and 25 answers interrupted by the next person's wake word (barge-in), through `hark run --json`.
#
#   scripts/measure-own-voice.sh PREPARED [--wake alexa] [--snr 20] [--echo-db -6] [--barge-echo-db -15]
#                                 [--part self|barge-in] [--failures FILE]
#
# PREPARED is the folder scripts/prepare-corpora.sh made: speech/librispeech (tails after the wake
# phrases), noise/measure (the room) and rir (small, medium and large room impulse responses).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 1 ] || { sed -n '6,7p' "$0" | sed 's/^# \{0,2\}//' >&2; exit 2; }
prepared=$1; shift
for d in speech/librispeech noise/measure rir; do
  [ -d "$prepared/$d" ] || { echo "measure-own-voice: $prepared/$d: not found (run scripts/prepare-corpora.sh)" >&2; exit 2; }
done
cd "$root"
mvn -q -o install -DskipTests
mvn -q -o dependency:build-classpath -pl runtime -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="runtime/target/test-classes:runtime/target/classes:$(cat runtime/target/bench.classpath)"
exec java -Dhark.root="$root" -cp "$cp" dev.hark.runtime.loop.OwnVoiceBenchmark \
  --speech "$prepared/speech/librispeech" --noise "$prepared/noise/measure" --rir "$prepared/rir" "$@"
