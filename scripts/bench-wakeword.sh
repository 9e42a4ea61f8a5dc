#!/usr/bin/env bash
# Wake-word stage benchmark: real-time factors, CPU while listening, allocation per frame, and the
# VAD gate's effect on recall. Prints Markdown (docs/benchmarks/wakeword.md records a run).
# Usage: scripts/bench-wakeword.sh [seconds of real-time listening per setup, default 30]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -o install -DskipTests
mvn -q -o test-compile -pl wakeword -am
mvn -q -o dependency:build-classpath -pl wakeword -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="wakeword/target/test-classes:wakeword/target/classes:audio/target/classes:$(cat wakeword/target/bench.classpath)"
exec java -Dhark.root="$root" -cp "$cp" dev.hark.wakeword.WakeWordBenchmark "$@"
