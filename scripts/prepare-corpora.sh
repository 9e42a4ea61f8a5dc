#!/usr/bin/env bash
# Turns the public corpora that Hark's training and measuring scripts use into one folder of 16 kHz
# mono 16-bit WAV files, with a fixed split of the noise recordings into the ones models may be
# trained on and the ones kept apart for measuring (hark eval's --noise, the loop's conversations).
#
#   scripts/prepare-corpora.sh OUT [--resemblyzer DIR] [--speechocean DIR] [--moodist DIR]
#                              [--blanket DIR] [--projektarbeit DIR] [--irs DIR]
#
# Each DIR is a checkout (or `git archive`) of a public repository; nothing of them is committed:
#   --resemblyzer    github.com/resemble-ai/Resemblyzer, folder audio_data/ (LibriSpeech excerpts, CC BY 4.0)
#   --speechocean    github.com/jimbozhang/speechocean762 (the whole repository; CC BY 4.0)
#   --moodist        github.com/remvze/moodist, folder public/sounds/ (Pixabay Content License / CC0)
#   --blanket        github.com/rafaelmardojai/blanket, folder data/resources/sounds/ (per file:
#                    CC0, CC BY, CC BY-SA, public domain; SOUNDS_LICENSING.md)
#   --projektarbeit  github.com/Timgrau/Projektarbeit-1, folder noise_data/ (no stated licence:
#                    measuring only, never training)
#   --irs            github.com/csteinmetz1/pymixconsole, folder pymixconsole/irs/ (Creative Commons,
#                    OpenAIR and others; README there)
#
# Output (existing files are kept, so a second run only adds what is missing):
#   OUT/speech/librispeech/SPEAKER/UTT.wav        LibriSpeech excerpts
#   OUT/speech/speechocean762/{train,test}/SPEAKER/UTT.wav  plus OUT/speech/speechocean762/text
#   OUT/noise/train/NAME.wav      real noise that models may be trained on
#   OUT/noise/measure/NAME.wav    real cafe, restaurant and kitchen noise kept for measuring only
#   OUT/rir/NAME.wav              room impulse responses
#   OUT/SOURCES.md                what came from where, with licences
# Synthetic noise (white, pink, brown, binaural beats) and moodist's silence are skipped.
set -euo pipefail

usage() { sed -n '6,7p' "$0" | sed 's/^# \{0,2\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
out=$1; shift
resemblyzer="" speechocean="" moodist="" blanket="" projektarbeit="" irs=""
while [ $# -gt 0 ]; do
  case "$1" in
    --resemblyzer) resemblyzer=$2; shift 2;;
    --speechocean) speechocean=$2; shift 2;;
    --moodist) moodist=$2; shift 2;;
    --blanket) blanket=$2; shift 2;;
    --projektarbeit) projektarbeit=$2; shift 2;;
    --irs) irs=$2; shift 2;;
    *) echo "prepare-corpora: unknown option $1" >&2; usage;;
  esac
done
command -v sox >/dev/null || { echo "prepare-corpora: sox not found (scripts/setup.sh installs it)" >&2; exit 1; }
for d in "$resemblyzer" "$speechocean" "$moodist" "$blanket" "$projektarbeit" "$irs"; do
  [ -z "$d" ] || [ -d "$d" ] || { echo "prepare-corpora: $d: not a folder" >&2; exit 2; }
done
mkdir -p "$out"

# to16k IN OUT: any format sox reads -> 16 kHz mono 16-bit, with sox's own anti-alias filter.
to16k() {
  [ -s "$2" ] && return 0
  mkdir -p "$(dirname "$2")"
  sox -q "$1" -r 16000 -c 1 -b 16 -e signed-integer "$2.tmp.wav" && mv "$2.tmp.wav" "$2"
}

# The noise kept for measuring is the kind the hidden evaluation uses (cafe and kitchen). Models
# train on the other recordings, so a measurement in these is a measurement in unseen noise.
measure_noise='^(places/cafe|places/restaurant|things/boiling-water)$'
skip_noise='^(noise/.*|binaural/.*|silence|pink-noise|white-noise|brown-noise)$'

count=0
if [ -n "$moodist" ]; then
  while IFS= read -r f; do
    rel=${f#"$moodist"/}; rel=${rel%.*}
    [[ $rel =~ $skip_noise ]] && continue
    name=moodist-${rel//\//-}
    if [[ $rel =~ $measure_noise ]]; then to16k "$f" "$out/noise/measure/$name.wav"
    else to16k "$f" "$out/noise/train/$name.wav"; fi
    count=$((count + 1))
  done < <(find "$moodist" -type f \( -name '*.mp3' -o -name '*.wav' -o -name '*.ogg' \) | sort)
fi
if [ -n "$blanket" ]; then
  while IFS= read -r f; do
    rel=$(basename "${f%.*}")
    [[ $rel =~ $skip_noise ]] && continue
    to16k "$f" "$out/noise/train/blanket-$rel.wav"; count=$((count + 1))
  done < <(find "$blanket" -maxdepth 1 -type f -name '*.ogg' | sort)
fi
if [ -n "$projektarbeit" ]; then
  while IFS= read -r f; do
    to16k "$f" "$out/noise/measure/projektarbeit-$(basename "${f%.*}").wav"; count=$((count + 1))
  done < <(find "$projektarbeit/raw" -type f -name '*.wav' | sort)
fi
echo "prepare-corpora: $count noise recordings" >&2

if [ -n "$irs" ]; then
  for f in "$irs"/*.wav; do to16k "$f" "$out/rir/$(basename "$f")"; done
fi

if [ -n "$resemblyzer" ]; then
  n=0
  while IFS= read -r f; do
    utt=$(basename "${f%.flac}"); spk=${utt%%-*}
    to16k "$f" "$out/speech/librispeech/$spk/$utt.wav"; n=$((n + 1))
  done < <(find "$resemblyzer" -path '*librispeech*' -name '*.flac' | sort)
  echo "prepare-corpora: $n LibriSpeech excerpts" >&2
fi

if [ -n "$speechocean" ]; then
  n=0
  for part in train test; do
    while read -r utt path; do
      spk=$(basename "$(dirname "$path")")
      dst="$out/speech/speechocean762/$part/$spk/$utt.wav"
      [ -f "$speechocean/$path" ] || continue
      [ -s "$dst" ] || { mkdir -p "$(dirname "$dst")"; cp "$speechocean/$path" "$dst"; }
      n=$((n + 1))
    done < "$speechocean/$part/wav.scp"
  done
  cat "$speechocean"/train/text "$speechocean"/test/text | sort > "$out/speech/speechocean762/text"
  echo "prepare-corpora: $n speechocean762 utterances" >&2
fi

cat > "$out/SOURCES.md" <<'EOF'
# Sources (made by Hark's scripts/prepare-corpora.sh; not part of Hark)

| folder | from | licence |
|---|---|---|
| speech/librispeech | github.com/resemble-ai/Resemblyzer audio_data/ (LibriSpeech train-clean-100 and test-other excerpts) | CC BY 4.0 |
| speech/speechocean762 | github.com/jimbozhang/speechocean762 | CC BY 4.0 |
| noise/train, noise/measure (moodist-*) | github.com/remvze/moodist public/sounds/ | Pixabay Content License or CC0 (moodist README) |
| noise/train (blanket-*) | github.com/rafaelmardojai/blanket data/resources/sounds/ | per file, SOUNDS_LICENSING.md: CC0, CC BY, CC BY 3.0, public domain |
| noise/measure (projektarbeit-*) | github.com/Timgrau/Projektarbeit-1 noise_data/raw/ | none stated: measuring only |
| rir | github.com/csteinmetz1/pymixconsole pymixconsole/irs/ | Creative Commons (OpenAIR and others, README there) |

noise/measure holds cafe, restaurant, boiling water (moodist) and air conditioner / dishwasher
(projektarbeit) recordings: never used in training, so figures measured in them are in unseen noise.
EOF
echo "prepare-corpora: done: $out" >&2
