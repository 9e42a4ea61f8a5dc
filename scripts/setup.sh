#!/usr/bin/env bash
# Sets up Hark on Debian 12 / Raspberry Pi OS (64-bit): system packages, build, models.
# Idempotent: a second run checks everything and changes nothing that is already right.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

step() { printf '==> %s\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# Runtime: the acoustic model and dictionary, TTS, and sox. Tests and benchmarks also use the
# reference decoder, its recordings and feature tool, and flite voices for generated speech.
# The service tests check the systemd unit with systemd-analyze (systemd) and its ExecReload's /bin/kill (procps).
# The Hermes (MQTT) tests run a real broker (mosquitto), the documented actions in shell (mosquitto-clients, jq)
# and Python (python3-paho-mqtt), and make TLS certificates with openssl.
# `hark models fetch` derives the int8 and time-batched wake-word models with the onnx package (python3-onnx, numpy); the
# wake-word trainer's test checks the ONNX it writes with ONNX's own checker (python3-onnx); the trainer speaks
# its phrases with festival's free English voices too (two diphone speakers, one HTS voice) beside flite and espeak-ng.
packages=(pocketsphinx-en-us espeak-ng flite sox libsox-fmt-all python3-onnx python3-numpy
          festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts
          pocketsphinx pocketsphinx-testdata sphinxbase-utils systemd procps
          mosquitto mosquitto-clients jq python3-paho-mqtt openssl)
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing system packages: ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install ${missing[*]} by hand (Hark expects Debian 12 or Raspberry Pi OS)"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "not root and no sudo: run as root to install ${missing[*]}"
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || fail "apt-get update failed (no network?)"
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
else
  step "system packages present"
fi

java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "${java_major:-0}" -ge 17 ] 2>/dev/null || fail "Java 17 or newer needed, found ${java_major:-none}"

step "building Hark (mvn install, tests skipped)"
mvn -B -q -Dstyle.color=never install -DskipTests || fail "the build failed; run 'mvn install -DskipTests' to see why"

step "fetching models listed in models/models.json (and deriving their int8 and time-batched variants)"
./hark models fetch || fail "model fetch failed (see above)"

step "verifying models"
./hark models verify >/dev/null || fail "model verification failed; run './hark models verify'"

step "ready: try './hark run --input examples/hello-hark-timer.wav'"
