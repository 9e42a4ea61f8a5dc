#!/usr/bin/env bash
# Wake-word heads on real speech: recall on the commands-dev recordings that hold a drink name, false
# activations on the other recordings and on any further folders of real speech, clean and with real
# noise mixed in. Prints a Markdown table (docs/benchmarks/wakeword.md records a run).
#
# Usage: scripts/wakeword-eval.sh --model M [--model M ...] --commands ../shared/data/commands-dev --drink cappuccino \
#          [--negatives NAME=DIR ...] [--noise DIR --snr 12,6] [--threads N]
# A model is hello_hark, a pre-trained name (alexa, hey_jarvis, ...) or a trained head's .json.
#
#        scripts/wakeword-eval.sh --cost NAME...   listening cost (real-time factor) of each head beside
#                                                  the shared front end, measured in the same run
#        scripts/wakeword-eval.sh --features --head M ... (--positives NAME=F.features | --negatives NAME=F.features
#          | --commands F.features LABELS.json DRINK)...   the same figures in seconds, from recordings embedded once
#                                                  by `hark wakeword features` (no VAD gate)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -o install -DskipTests
mvn -q -o test-compile -pl wakeword-training
mvn -q -o dependency:build-classpath -pl wakeword-training -Dmdep.outputFile=target/eval.classpath >/dev/null
cp="wakeword-training/target/test-classes:wakeword-training/target/classes:$(cat wakeword-training/target/eval.classpath)"
if [ "${1:-}" = --cost ]; then
  shift
  exec java -Dhark.root="$root" -cp "$cp" dev.hark.wakeword.training.HeadCostBenchmark "$@"
fi
if [ "${1:-}" = --features ]; then
  shift
  exec java -Xmx4g -Dhark.root="$root" -cp "$cp" dev.hark.wakeword.training.FeatureEvaluation "$@"
fi
exec java -Dhark.root="$root" -cp "$cp" dev.hark.wakeword.training.WakeWordEvaluation "$@"
