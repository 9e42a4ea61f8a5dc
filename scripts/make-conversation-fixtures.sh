#!/usr/bin/env bash
# Cuts the small real recordings that the loop's conversation tests put around the commands of
# ../shared/data/commands-dev (which stay there): room noise to lay under everything, and speech that
# is not meant for Hark (also the source of the real "tail" after a synthetic wake phrase).
#
#   scripts/make-conversation-fixtures.sh PREPARED [OUT]
#
# PREPARED is the folder scripts/prepare-corpora.sh made (it needs speech/librispeech and
# noise/train/blanket-coffee-shop.wav); OUT defaults to runtime/src/test/resources/conversations.
# Deterministic: fixed files, fixed cuts, sox only. Writes OUT/SOURCES.md with the sources and licences.
set -euo pipefail

usage() { sed -n '6p' "$0" | sed 's/^# \{0,2\}//' >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
in=$1
out=${2:-$root/runtime/src/test/resources/conversations}
command -v sox >/dev/null || { echo "make-conversation-fixtures: sox not found (scripts/setup.sh installs it)" >&2; exit 1; }

# name  source (relative to PREPARED)  start_s  duration_s
cuts=(
  "room-coffee-shop noise/train/blanket-coffee-shop.wav 0.5 8.0"
  "speech-103 speech/librispeech/103/103-1240-0000.wav 0 3.5"
  "speech-118 speech/librispeech/118/118-121721-0000.wav 0 3.59"
  "speech-1034 speech/librispeech/1034/1034-121119-0000.wav 0 3.4"
)
mkdir -p "$out"
for c in "${cuts[@]}"; do
  read -r name src start dur <<<"$c"
  [ -f "$in/$src" ] || { echo "make-conversation-fixtures: $in/$src: not found (run scripts/prepare-corpora.sh)" >&2; exit 2; }
  sox -q "$in/$src" -r 16000 -c 1 -b 16 -e signed-integer "$out/$name.wav" trim "$start" "$dur"
done

cat > "$out/SOURCES.md" <<'EOF'
# Conversation fixtures

Made by `scripts/make-conversation-fixtures.sh` from the folder `scripts/prepare-corpora.sh` prepares;
16 kHz mono 16-bit. The loop's conversation tests lay them around real spoken commands read from
`../shared/data/commands-dev/` (never copied here).

| file | from | cut | licence |
|---|---|---|---|
| `room-coffee-shop.wav` | rafaelmardojai/blanket `data/resources/sounds/coffee-shop.ogg` (commit 8b1c27a), "Restaurant Ambiance" by stephan, soundbible.com/1664 | 0.5 s + 8.0 s | Public Domain (blanket's SOUNDS_LICENSING.md) |
| `speech-103.wav` | LibriSpeech train-clean-100 `103-1240-0000`, via resemble-ai/Resemblyzer `audio_data/` (commit 15d828e) | 0 s + 3.5 s | CC BY 4.0 (LibriSpeech, V. Panayotov et al., openslr.org/12) |
| `speech-118.wav` | LibriSpeech train-clean-100 `118-121721-0000`, same | 0 s + 3.59 s | CC BY 4.0 |
| `speech-1034.wav` | LibriSpeech train-clean-100 `1034-121119-0000`, same | 0 s + 3.4 s | CC BY 4.0 |
EOF
echo "make-conversation-fixtures: wrote ${#cuts[@]} recordings to $out" >&2
