#!/usr/bin/env bash
# Makes one long WAV of continuous real speech (no wake word in it) for measuring what listening
# costs: `hark bench --listen`, and the peak memory of a long `hark run` (docs/benchmarks/runtime.md).
#
#   scripts/make-speech-stream.sh SPEECH_DIR MINUTES OUT.wav
#
# SPEECH_DIR is the speech/ folder that scripts/prepare-corpora.sh makes from the public corpora
# (librispeech/: LibriSpeech excerpts from Resemblyzer's audio_data, CC BY 4.0; speechocean762/:
# jimbozhang/speechocean762, CC BY 4.0). The stream takes, in a fixed order, one LibriSpeech excerpt
# (10-15 s of read speech) then four speechocean762 utterances (2-5 s, non-native adults and
# children), again and again, until MINUTES are filled; it is cut to exactly that length. The same
# folder gives the same file. Nothing it makes belongs in the repository (the output is git-ignored
# when under build/).
set -euo pipefail
usage() { sed -n '5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -eq 3 ] || usage
speech=$1 minutes=$2 out=$3
fail() { printf 'make-speech-stream: %s\n' "$*" >&2; exit 1; }
[[ "$minutes" =~ ^[0-9]+([.][0-9]+)?$ ]] || fail "MINUTES must be a number, got '$minutes'"
[ -d "$speech/librispeech" ] || fail "$speech/librispeech: not found (make it with scripts/prepare-corpora.sh)"
[ -d "$speech/speechocean762" ] || fail "$speech/speechocean762: not found (make it with scripts/prepare-corpora.sh)"
command -v sox >/dev/null || fail "sox not found (scripts/setup.sh installs it)"

mapfile -t libri < <(find "$speech/librispeech" -name '*.wav' | LC_ALL=C sort)
mapfile -t ocean < <(find "$speech/speechocean762" -name '*.wav' | LC_ALL=C sort)
[ ${#libri[@]} -gt 0 ] && [ ${#ocean[@]} -gt 0 ] || fail "$speech: no WAV files in librispeech/ or speechocean762/"

# Pick files until their durations add up to the length asked for (sox cuts the rest off).
want=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 * 16000 }')
have=0 i=0 j=0
list=()
while [ "$have" -lt "$want" ]; do
  f=${libri[i % ${#libri[@]}]}; i=$((i + 1))
  list+=("$f"); have=$((have + $(soxi -s "$f")))
  for _ in 1 2 3 4; do
    f=${ocean[(j * 37) % ${#ocean[@]}]}; j=$((j + 1)) # every 37th: many speakers, not one after another
    list+=("$f"); have=$((have + $(soxi -s "$f")))
  done
done
mkdir -p "$(dirname "$out")"
sox "${list[@]}" -r 16000 -c 1 -b 16 "$out" trim 0 "${want}s"
printf '%s: %s min of real speech from %d files (%d LibriSpeech, %d speechocean762)\n' \
  "$out" "$minutes" "${#list[@]}" "$i" "$j"
