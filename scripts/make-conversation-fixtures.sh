#!/usr/bin/env bash
# Cuts the real room noise that the loop's conversation tests lay under the commands of
# ../shared/data/commands-dev (which stay there). The speech not meant for Hark around them (also the
# real "tail" after a synthetic wake phrase) is read at test time from the LibriVox readings of
# Debian's pocketsphinx-testdata, which scripts/setup.sh installs, so it is not cut here.
#
#   scripts/make-conversation-fixtures.sh PREPARED [OUT]
#
# PREPARED is the folder scripts/prepare-corpora.sh made (it needs noise/train/blanket-coffee-shop.wav);
# OUT defaults to runtime/src/test/resources/conversations.
# Deterministic: fixed files, fixed cuts, sox only. Writes OUT/SOURCES.md with the sources and licences.
set -euo pipefail

usage() { sed -n '7p' "$0" | sed 's/^# \{0,2\}//' >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
in=$1
out=${2:-$root/runtime/src/test/resources/conversations}
command -v sox >/dev/null || { echo "make-conversation-fixtures: sox not found (scripts/setup.sh installs it)" >&2; exit 1; }

# name  source (relative to PREPARED)  start_s  duration_s
cuts=(
  "room-coffee-shop noise/train/blanket-coffee-shop.wav 0.5 8.0"
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
16 kHz mono 16-bit. The loop's conversation tests lay it under real spoken commands read from
`../shared/data/commands-dev/` and real speech read from Debian's pocketsphinx-testdata (neither copied
here).

| file | from | cut | licence |
|---|---|---|---|
| `room-coffee-shop.wav` | rafaelmardojai/blanket `data/resources/sounds/coffee-shop.ogg` (commit 8b1c27a), "Restaurant Ambiance" by stephan, soundbible.com/1664 | 0.5 s + 8.0 s | Public Domain (blanket's SOUNDS_LICENSING.md) |
EOF
echo "make-conversation-fixtures: wrote ${#cuts[@]} recordings to $out" >&2
