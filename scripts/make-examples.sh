#!/usr/bin/env bash
# Regenerates the bundled example recordings in examples/ from flite voices, deterministically
# (flite and sox synthesis have no randomness; sox dither is off with -D).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/examples"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

say() { # voice text file: 16 kHz mono 16-bit
  flite -voice "$1" -t "$2" -o "$tmp/raw.wav"
  sox -D "$tmp/raw.wav" -r 16000 -c 1 -b 16 "$3"
}
silence() { sox -D -n -r 16000 -c 1 -b 16 "$2" trim 0 "$1"; }

# A short conversation: wake word, command, silence; wake word, question, silence.
say slt "hey jarvis" "$tmp/w1.wav"
say slt "set a timer for two minutes" "$tmp/c1.wav"
say slt "hey jarvis" "$tmp/w2.wav"
say slt "what time is it" "$tmp/c2.wav"
silence 1.0 "$tmp/s10.wav"
silence 0.4 "$tmp/s04.wav"
silence 2.0 "$tmp/s20.wav"
sox -D "$tmp/s10.wav" "$tmp/w1.wav" "$tmp/s04.wav" "$tmp/c1.wav" "$tmp/s20.wav" \
       "$tmp/w2.wav" "$tmp/s04.wav" "$tmp/c2.wav" "$tmp/s20.wav" "$out/conversation.wav"
sox -D "$tmp/s10.wav" "$tmp/w1.wav" "$tmp/s04.wav" "$tmp/c1.wav" "$tmp/s20.wav" "$out/hey-jarvis-timer.wav"
ls -l "$out"
