#!/usr/bin/env bash
# Compares the int8 front end (models/files/*.int8.onnx, made by `hark models fetch`) with the fp32
# models it was derived from, on recordings: score differences of every pre-trained keyword, files
# where a keyword fires with one and not the other, and CPU. Prints a Markdown table
# (docs/benchmarks/wakeword.md records a run).
#
#   scripts/wakeword/compare-variants.sh [--mel] FOLDER_OR_WAV...
#
# --mel swaps the mel-spectrogram model too (default: the embedding model alone).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mel=no
[ "${1:-}" = --mel ] && { mel=yes; shift; }
[ $# -gt 0 ] || { sed -n '7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
for f in embedding_model.int8.onnx melspectrogram.int8.onnx; do
  [ -f "models/files/$f" ] || { echo "compare-variants: models/files/$f missing: run ./hark models fetch" >&2; exit 1; }
done
variant=$(mktemp -d); trap 'rm -rf "$variant"' EXIT
for f in models/files/*.onnx; do ln -s "$root/$f" "$variant/"; done
ln -sf "$root/models/files/embedding_model.int8.onnx" "$variant/embedding_model.onnx"
[ $mel = yes ] && ln -sf "$root/models/files/melspectrogram.int8.onnx" "$variant/melspectrogram.onnx"
mvn -q -o install -DskipTests
mvn -q -o test-compile -pl wakeword -am
mvn -q -o dependency:build-classpath -pl wakeword -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="wakeword/target/test-classes:wakeword/target/classes:audio/target/classes:$(cat wakeword/target/bench.classpath)"
java -cp "$cp" dev.hark.wakeword.VariantComparison "$root/models/files" "$variant" "$@"
