#!/usr/bin/env bash
# The loop with real people, measured (docs/BENCHMARKS.md records a run): commands-dev recordings said
# after a synthetic wake phrase with a tail of real speech, at pauses of 0, 0.3, 0.7, 1.2 and 2 s, in
# real room noise, with real speech not meant for Hark between them, through `hark run --json`.
# Prints a Markdown table per pause.
#
#   scripts/measure-conversations.sh PREPARED [--count N] [--pauses 0,0.3,0.7,1.2,2] [--snr 20]
#                                    [--wake alexa|hey_jarvis] [--keep DIR] [--failures FILE] [--hark-jar JAR]
#
# PREPARED is the folder scripts/prepare-corpora.sh made: speech/librispeech for the tails and the
# other speech, noise/measure for the room (measuring-only noise). Commands from ../shared/data/commands-dev.
# --hark-jar runs the conversations through another build's runtime/target/hark-runtime.jar (e.g. main's,
# for a before-and-after) with this checkout's models.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 1 ] || { sed -n '7,8p' "$0" | sed 's/^# \{0,2\}//' >&2; exit 2; }
prepared=$1; shift
[ -d "$prepared/speech/librispeech" ] && [ -d "$prepared/noise/measure" ] \
  || { echo "measure-conversations: $prepared: no speech/librispeech or noise/measure (run scripts/prepare-corpora.sh)" >&2; exit 2; }
noise=$(find "$prepared/noise/measure" -name '*.wav' | sort | paste -sd, -)
cd "$root"
mvn -q -o install -DskipTests
mvn -q -o dependency:build-classpath -pl runtime -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="runtime/target/test-classes:runtime/target/classes:$(cat runtime/target/bench.classpath)"
exec java -Dhark.root="$root" -cp "$cp" dev.hark.runtime.loop.ConversationBenchmark \
  --speech "$prepared/speech/librispeech" --noise "$noise" "$@"
