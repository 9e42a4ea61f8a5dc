#!/usr/bin/env bash
# Synthetic wake phrases for comparing model variants (scripts/wakeword/compare-variants.sh, `hark wake
# --embedding`): each pre-trained phrase and Hark's own ("hello hark") said by flite and espeak-ng
# voices, with 1.5 s of real noise before and after, mixed at 20 and 10 dB SNR. Synthetic speech is a
# smoke test, not evidence of accuracy: the figures that count come from the real recordings the
# comparison also reads.
#
#   scripts/wakeword/make-wake-phrases.sh NOISE_DIR OUT_DIR
#
# NOISE_DIR: the measuring-only noise of scripts/prepare-corpora.sh (noise/measure/), real cafe,
# restaurant, kitchen and air-conditioner recordings. Deterministic: the same inputs give the same files.
set -euo pipefail
[ $# -eq 2 ] || { sed -n '8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
noise_dir=$1 out=$2
for tool in flite espeak-ng sox; do command -v $tool >/dev/null || { echo "make-wake-phrases: $tool not found" >&2; exit 1; }; done
mapfile -t noises < <(find "$noise_dir" -name '*.wav' | LC_ALL=C sort)
[ ${#noises[@]} -gt 0 ] || { echo "make-wake-phrases: no noise in $noise_dir" >&2; exit 1; }
mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
declare -A phrases=([alexa]="alexa" [hey_jarvis]="hey jarvis" [hey_mycroft]="hey mycroft" [hey_rhasspy]="hey rhasspy" [hello_hark]="hello hark")
n=0
for key in alexa hey_jarvis hey_mycroft hey_rhasspy hello_hark; do
  text=${phrases[$key]}
  for voice in flite:slt flite:awb flite:rms flite:kal espeak:en-us espeak:en-gb espeak:en-us+f3 espeak:en+m3; do
    engine=${voice%%:*} v=${voice#*:}
    raw="$tmp/$key-${v//+/_}.wav"
    if [ "$engine" = flite ]; then flite -voice "$v" -t "$text" -o "$tmp/x.wav"; else espeak-ng -v "$v" -w "$tmp/x.wav" "$text"; fi
    sox "$tmp/x.wav" -r 16000 -c 1 -b 16 "$raw" norm -3 pad 1.5 1.5
    len=$(soxi -s "$raw")
    for snr in 20 10; do
      noise=${noises[n % ${#noises[@]}]}; n=$((n + 1))
      # a stretch of the noise at a fixed offset per file, scaled to the SNR over the whole clip
      sox "$noise" -r 16000 -c 1 -b 16 "$tmp/n.wav" trim "$(( (n * 7) % 20 ))" "${len}s"
      ps=$(sox "$raw" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
      pn=$(sox "$tmp/n.wav" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
      gain=$(awk -v s="$ps" -v n="$pn" -v snr="$snr" 'BEGIN { printf "%.6f", (s / n) / (10 ^ (snr / 20)) }')
      sox -m "$raw" -v "$gain" "$tmp/n.wav" "$out/$key-${v//+/_}-snr$snr.wav"
    done
  done
done
echo "$out: $(ls "$out" | wc -l) clips"
