#!/usr/bin/env bash
# Regenerates the bundled example recordings in examples/ from flite voices, deterministically
# (flite and sox synthesis have no randomness; sox dither is off with -D).
#
#   scripts/make-examples.sh             the committed examples/*.wav
#   scripts/make-examples.sh --bench DIR the benchmark's spoken commands (hark bench; not committed):
#                                        DIR/wake.wav, DIR/cmd-VOICE-NN.wav and DIR/commands.tsv
#                                        (file, voice, text per line, written last)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/examples"
bench=""
if [ "${1:-}" = "--bench" ]; then
  [ -n "${2:-}" ] || { echo "usage: $0 [--bench DIR]" >&2; exit 2; }
  bench="$2"
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

say() { # voice text file: 16 kHz mono 16-bit
  flite -voice "$1" -t "$2" -o "$tmp/raw.wav"
  sox -D "$tmp/raw.wav" -r 16000 -c 1 -b 16 "$3"
}
silence() { sox -D -n -r 16000 -c 1 -b 16 "$2" trim 0 "$1"; }

if [ -n "$bench" ]; then
  # Commands of the built-in skills (clock, timers, gpio, help), each in three flite voices.
  commands=(
    "what time is it" "what is the date" "tell me the time" "set a timer for five minutes"
    "start a timer for ten seconds" "what can you do" "turn on the light" "turn off the fan"
    "what day is it today" "help me" "set a timer for two minutes" "can you tell me the time"
  )
  mkdir -p "$bench"
  rm -f "$bench/commands.tsv"
  say slt "hello hark" "$bench/wake.wav"
  : > "$tmp/commands.tsv"
  for voice in slt awb rms; do
    for i in "${!commands[@]}"; do
      name="$(printf 'cmd-%s-%02d.wav' "$voice" "$i")"
      say "$voice" "${commands[$i]}" "$bench/$name"
      printf '%s\t%s\t%s\n' "$name" "$voice" "${commands[$i]}" >> "$tmp/commands.tsv"
    done
  done
  mv "$tmp/commands.tsv" "$bench/commands.tsv"
  exit 0
fi

mkdir -p "$out"

# A short conversation: wake word (Hark's own, "hello hark"), command, silence; wake word, question, silence.
say slt "hello hark" "$tmp/w1.wav"
say slt "set a timer for two minutes" "$tmp/c1.wav"
say slt "hello hark" "$tmp/w2.wav"
say slt "what time is it" "$tmp/c2.wav"
silence 1.0 "$tmp/s10.wav"
silence 0.4 "$tmp/s04.wav"
silence 2.0 "$tmp/s20.wav"
sox -D "$tmp/s10.wav" "$tmp/w1.wav" "$tmp/s04.wav" "$tmp/c1.wav" "$tmp/s20.wav" \
       "$tmp/w2.wav" "$tmp/s04.wav" "$tmp/c2.wav" "$tmp/s20.wav" "$out/conversation.wav"
sox -D "$tmp/s10.wav" "$tmp/w1.wav" "$tmp/s04.wav" "$tmp/c1.wav" "$tmp/s20.wav" "$out/hello-hark-timer.wav"
ls -l "$out"
