#!/bin/sh
# Rebuilds the impostor cohort of Hark's speaker score normalisation:
# speaker/src/main/resources/dev/hark/speaker/speaker-cohort.f32 (one fp32 mean embedding per cohort
# speaker, made by the shipped fp32 model from make_cohort.py's clips; FSDD is never read), and writes
# its sha256 into speaker-model.json. Deterministic: a second run gives the same bytes.
# Usage (repository root): scripts/speaker/make_cohort.sh [WORKDIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$(mktemp -d)}
res="$root/speaker/src/main/resources/dev/hark/speaker"
cd "$root/scripts/speaker" && /usr/bin/python3 make_cohort.py "$work/cohort"
cd "$root"
mvn -o -q install -DskipTests -pl audio,speaker -am
mvn -o -q test-compile -pl speaker
mvn -o -q dependency:build-classpath -pl speaker -Dmdep.outputFile="$work/cp.txt"
java -cp "speaker/target/test-classes:speaker/target/classes:$(cat "$work/cp.txt")" -Dhark.root="$root" \
    dev.hark.speaker.CohortExport "$work/cohort" "$res/speaker-cohort.f32"
sha=$(sha256sum "$res/speaker-cohort.f32" | cut -d' ' -f1)
sed -i "s/\"cohort\": \"speaker-cohort.f32\", \"sha256\": \"[0-9a-f]*\"/\"cohort\": \"speaker-cohort.f32\", \"sha256\": \"$sha\"/" "$res/speaker-model.json"
echo "$sha  speaker-cohort.f32"
