#!/usr/bin/env bash
# Runs Hark's ARM64 path on an x86-64 Debian machine under qemu user-mode emulation and compares it
# with the same run on x86-64: the model checksums, `hark run` on a bundled recording, ONNX Runtime's
# linux-aarch64 native library with Hark's models (every output value, the int8 embedding included),
# `hark wake`, `hark understand` and `hark eval`. Both sides run with Hark's clock held at the same
# instant in UTC (-Dhark.clock), skills' state in a fresh scratch folder and a skill time limit that
# emulation cannot reach, so that what they answer cannot depend on when or how fast each ran. Slow
# (minutes) is fine; a difference is a FAIL.
#
# What it installs, without touching the host's Java: the amd64 package qemu-user-static (apt), and
# an arm64 OpenJDK 17 with its arm64 libraries, fetched with `apt-get download` (after
# `dpkg --add-architecture arm64`) and unpacked with `dpkg -x` into build/arm64/sysroot; nothing
# arm64 is installed into the system, so update-alternatives never sees it.
#
# Usage: scripts/arm64-check.sh [--refresh]   (--refresh fetches the arm64 packages again)
# Exit status 0 when every check passes, 1 otherwise. Not part of scripts/test.sh: too slow for CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

work="$root/build/arm64"
sysroot="$work/sysroot"
jvm="$sysroot/usr/lib/jvm/java-17-openjdk-arm64/bin/java"
out="$work/out"
# the built-in skills' intents, on the bundled recordings
understand_args=(--assistant skills/builtin/src/main/resources/dev/hark/skills/builtin --json examples/hello-hark-timer.wav examples/conversation.wav)
wake_args=(--model hello_hark --model hey_jarvis --json examples/hello-hark-timer.wav examples/conversation.wav)
# the keyword heads the ONNX Runtime check scores: an openWakeWord one and Hark's own trained one,
# which must fire on hello-hark-timer.wav
heads=(models/files/hey_jarvis_v0.1.onnx wakeword/src/main/resources/dev/hark/wakeword/hello_hark.onnx)
# real spoken coffee orders beside the checkout (../shared/data/commands-dev), when they are there
commands="$root/../shared/data/commands-dev"

fail() { printf 'arm64-check: %s\n' "$*" >&2; exit 1; }
step() { printf '==> %s\n' "$*"; }
usage() { sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

refresh=no
while [ $# -gt 0 ]; do
  case "$1" in
    --refresh) refresh=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option: $1" ;;
  esac
done

[ "$(uname -m)" = x86_64 ] || fail "this check emulates ARM64 on an x86-64 machine; on $(uname -m) run scripts/test.sh natively"
command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: the check expects Debian 12"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "not root and no sudo: apt needs root"
  sudo="sudo"
fi
apt_opts=(-o DPkg::Lock::Timeout=300 -qq)
started=$(date +%s)
host_java_before="$(readlink -f "$(command -v java)")"

# --- qemu -------------------------------------------------------------------------------------------
qemu="$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)"
if [ -z "$qemu" ]; then
  step "installing qemu-user-static (amd64)"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get "${apt_opts[@]}" install -y --no-install-recommends qemu-user-static >/dev/null \
    || fail "apt-get install qemu-user-static failed"
  qemu="$(command -v qemu-aarch64-static)"
fi

# --- arm64 OpenJDK in a sysroot -------------------------------------------------------------------------
if [ "$refresh" = yes ] || [ ! -x "$jvm" ]; then
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    step "adding the arm64 architecture to dpkg (package lists only; nothing arm64 gets installed)"
    $sudo dpkg --add-architecture arm64
  fi
  step "apt-get update"
  $sudo apt-get "${apt_opts[@]}" update || fail "apt-get update failed (no network?)"
  # openjdk-17-jre-headless:arm64 and the arm64 libraries it needs, recursively; arch-independent
  # packages (fonts, debconf...) are not needed to run java
  mapfile -t pkgs < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
      --no-replaces --no-enhances openjdk-17-jre-headless:arm64 \
    | grep -E '^(lib[a-z0-9.+-]*|zlib1g|openjdk-17-jre-headless):arm64$' | sort -u)
  [ ${#pkgs[@]} -gt 5 ] || fail "apt-cache found no arm64 packages for openjdk-17-jre-headless:arm64"
  step "downloading ${#pkgs[@]} arm64 packages into build/arm64/debs"
  rm -rf "$work/debs" "$sysroot"
  mkdir -p "$work/debs" "$sysroot"
  (cd "$work/debs" && apt-get -qq -o APT::Sandbox::User=root download "${pkgs[@]}") || fail "apt-get download failed"
  step "unpacking them into build/arm64/sysroot (dpkg -x)"
  for deb in "$work"/debs/*.deb; do
    dpkg -x "$deb" "$sysroot"
  done
  # Absolute links (the dynamic loader, the JDK's links into /etc) would resolve on the host: point
  # them inside the sysroot.
  while IFS= read -r link; do
    target="$(readlink "$link")"
    ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$sysroot$target")" "$link"
  done < <(find "$sysroot" -type l -lname '/*')
  [ -x "$jvm" ] || fail "$jvm: missing after unpacking"
fi
[ "$(readlink -f "$(command -v java)")" = "$host_java_before" ] || fail "the host's java changed: $(readlink -f "$(command -v java)")"
case "$host_java_before" in *arm64*|*aarch64*) fail "the host's java is an arm64 binary: $host_java_before" ;; esac

arm_java() { "$qemu" -L "$sysroot" "$jvm" "$@"; }
arm_version="$(arm_java -version 2>&1 | head -1)"
step "emulated JVM: $arm_version ($(basename "$qemu"))"

# --- Hark, ONNX Runtime and the ONNX check, built on the host -----------------------------------------------
step "building Hark"
./hark --version >/dev/null || fail "the build failed"
jar="$root/runtime/target/hark-runtime.jar"
ort_jar="$(ls runtime/target/lib/onnxruntime-*.jar 2>/dev/null | head -1 || true)"
if [ -z "$ort_jar" ]; then
  ort_version="$(sed -n 's:.*<onnxruntime.version>\(.*\)</onnxruntime.version>.*:\1:p' pom.xml)"
  ort_jar="$work/lib/onnxruntime-$ort_version.jar"
  if [ ! -f "$ort_jar" ]; then
    step "fetching ONNX Runtime $ort_version (Maven)"
    get=(dependency:copy -Dartifact="com.microsoft.onnxruntime:onnxruntime:$ort_version" -DoutputDirectory="$work/lib" -Dmdep.stripVersion=false)
    mvn -B -q -o "${get[@]}" >/dev/null 2>&1 || mvn -B -q "${get[@]}" || fail "could not fetch ONNX Runtime"
  fi
fi
audio_jar="$(ls runtime/target/lib/hark-audio-*.jar | head -1)"
check_cp="$ort_jar:$audio_jar:$work/check"
mkdir -p "$work/check"
javac --release 17 -cp "$ort_jar:$audio_jar" -d "$work/check" scripts/arm64/OnnxRuntimeCheck.java || fail "OnnxRuntimeCheck does not compile"

# The emulated runs use the service's JVM options (jvm.options, which both launchers read), so they are
# checked too. Both sides hold Hark's clock at the same instant, in UTC: the clock skill's answer must
# not depend on when each run reached it (the emulated one takes minutes).
service_opts=("@$root/scripts/service/jvm.options")
fixed_clock=(-Dhark.clock=2026-01-05T09:30:00 -Duser.timezone=UTC)
# hark run: feedback off, skills' state in a scratch folder made afresh for each run (a timer from one
# run must not ring in the next), and a skill time limit that a skill under emulation cannot reach
run_config() {
  rm -rf "$work/run-state"
  printf '{"skills": {"folder": "%s/run-state/skills", "stateFolder": "%s/run-state/state", "timeLimitMs": 600000},\n "feedback": {"output": "none", "tts": "none"}, "speaker": {"enabled": false}}\n' \
    "$work" "$work" >"$work/run-config.json"
  echo "$work/run-config.json"
}
x86_hark() { fresh_state "$@"; TZ=UTC java "${fixed_clock[@]}" -Dhark.root="$root" -jar "$jar" "$@"; }
arm_hark() { fresh_state "$@"; TZ=UTC arm_java "${service_opts[@]}" "${fixed_clock[@]}" -Dhark.root="$root" -jar "$jar" "$@"; }
fresh_state() { [ "${1:-}" = run ] && run_config >/dev/null; return 0; }

# --- comparison ----------------------------------------------------------------------------------------
# Two outputs agree when their lines match one for one: the text exactly, numbers within 1e-3 of
# max(1, |x|) (ONNX Runtime's x86-64 and ARM64 kernels round differently, by about 1e-6). Fields that
# measure time (*_ms, timings_ms, cpu_s, rtf) are dropped first: they differ between any two runs.
compare() { # x86-file arm-file -> prints the first difference; status 1 if any
  awk -v tol=1e-3 '
    function abs(v) { return v < 0 ? -v : v }
    function strip(s) { gsub(/"timings_ms":\{[^}]*\},?/, "", s); gsub(/"[A-Za-z_]*_ms":-?[0-9.eE+-]+,?/, "", s);
                        gsub(/"(cpu_s|rtf)":-?[0-9.eE+-]+,?/, "", s); return s }
    function same(a, b,   num, x, y) {
      num = "-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?"
      while (a != "" || b != "") {
        if (!match(a, num)) return a == b
        sa = RSTART; la = RLENGTH
        if (!match(b, num)) return 0
        sb = RSTART; lb = RLENGTH
        if (substr(a, 1, sa - 1) != substr(b, 1, sb - 1)) return 0
        x = substr(a, sa, la) + 0; y = substr(b, sb, lb) + 0
        if (abs(x - y) > tol * (abs(x) > 1 ? abs(x) : 1)) return 0
        a = substr(a, sa + la); b = substr(b, sb + lb)
      }
      return 1
    }
    NR == FNR { if ($0 !~ /^#/) ref[++n] = strip($0); next }
    $0 ~ /^#/ { next }
    { ++m; if (m > n || !same(ref[m], strip($0))) { printf "line %d: x86-64: %s\n        arm64:  %s\n", m, ref[m], $0; bad = 1; exit } }
    END { if (!bad && m != n) { printf "x86-64 gave %d lines, arm64 %d\n", n, m; bad = 1 } exit bad }' "$1" "$2"
}

results=()
failed=0
record() { # name status seconds detail
  results+=("$(printf '%-4s %-34s %6ss  %s' "$2" "$1" "$3" "$4")")
  [ "$2" = PASS ] || [ "$2" = SKIP ] || failed=1
}

# Runs "$@" on x86-64 and under emulation, saving stdout to out/<name>.{x86,arm}; compares them.
check_same() { # name -- hark args...
  local name="$1"; shift
  local t0 t1 x86_rc=0 arm_rc=0 diff
  step "$name"
  x86_hark "$@" >"$out/$name.x86" 2>"$out/$name.x86.err" || x86_rc=$?
  t0=$(date +%s)
  arm_hark "$@" >"$out/$name.arm" 2>"$out/$name.arm.err" || arm_rc=$?
  t1=$(date +%s)
  if [ "$x86_rc" -ne 0 ]; then
    record "$name" SKIP $((t1 - t0)) "fails on x86-64 too (exit $x86_rc: $(head -1 "$out/$name.x86.err")); see understand_args"
  elif [ "$arm_rc" -ne 0 ]; then
    record "$name" FAIL $((t1 - t0)) "exit $arm_rc on arm64: $(head -1 "$out/$name.arm.err")"
  elif ! diff="$(compare "$out/$name.x86" "$out/$name.arm")"; then
    record "$name" FAIL $((t1 - t0)) "output differs: ${diff//$'\n'/ }"
  else
    record "$name" PASS $((t1 - t0)) "$(wc -l <"$out/$name.x86") lines identical to x86-64"
  fi
}

rm -rf "$out"
mkdir -p "$out"

step "hark models verify (arm64)"
t0=$(date +%s)
if arm_hark models verify >"$out/models-verify.arm" 2>&1; then
  record "hark models verify" PASS $(($(date +%s) - t0)) "$(grep -c ' ok ' "$out/models-verify.arm") models ok"
else
  record "hark models verify" FAIL $(($(date +%s) - t0)) "$(tail -1 "$out/models-verify.arm")"
fi

check_same "hark run conversation.wav" run --config "$(run_config)" --input examples/conversation.wav --json

step "ONNX Runtime linux-aarch64 with Hark's models"
java -cp "$check_cp" OnnxRuntimeCheck models/files examples/hello-hark-timer.wav "${heads[@]}" >"$out/onnx.x86"
t0=$(date +%s)
onnx_rc=0
arm_java -cp "$check_cp" OnnxRuntimeCheck models/files examples/hello-hark-timer.wav "${heads[@]}" >"$out/onnx.arm" 2>"$out/onnx.arm.err" || onnx_rc=$?
t1=$(date +%s)
# Besides the numbers, what Hark decides from them: where the wake word fires, which chunks are speech.
decisions() { awk '($1~/^wake/||$1=="vad"||$1=="vad_silence") && $3>=0.5 {printf "%s:%s ", $1, $2} END{print ""}' "$1"; }
if [ "$onnx_rc" -ne 0 ]; then
  record "ONNX Runtime (aarch64 natives)" FAIL $((t1 - t0)) "exit $onnx_rc: $(grep -m1 -i -E 'exception|error' "$out/onnx.arm.err" || tail -1 "$out/onnx.arm.err")"
elif ! grep -q '^# os.arch aarch64' "$out/onnx.arm"; then
  record "ONNX Runtime (aarch64 natives)" FAIL $((t1 - t0)) "the emulated JVM is not aarch64: $(head -1 "$out/onnx.arm")"
elif ! diff="$(compare "$out/onnx.x86" "$out/onnx.arm")"; then
  record "ONNX Runtime (aarch64 natives)" FAIL $((t1 - t0)) "values differ: ${diff//$'\n'/ }"
elif [ "$(decisions "$out/onnx.x86")" != "$(decisions "$out/onnx.arm")" ]; then
  record "ONNX Runtime (aarch64 natives)" FAIL $((t1 - t0)) "decisions differ"
elif [ "$(awk '$1=="wake:hello_hark" && $3>=0.5' "$out/onnx.arm" | wc -l)" -eq 0 ]; then
  record "ONNX Runtime (aarch64 natives)" FAIL $((t1 - t0)) "hello_hark does not fire on hello-hark-timer.wav"
else
  maxdiff="$(paste -d' ' <(grep -v '^#' "$out/onnx.x86") <(grep -v '^#' "$out/onnx.arm") \
    | awk '{d=$3-$6; if(d<0)d=-d; if(d>m)m=d} END{printf "%.1e", m}')"
  cpu() { awk -v s="$2" '$1=="#" && $2=="cpu" && $3==s {print $4}' "$1"; }
  record "ONNX Runtime (aarch64 natives)" PASS $((t1 - t0)) \
    "$(grep -vc '^#' "$out/onnx.arm") values (mel, embedding fp32, int8 and int8 time-batched, hey_jarvis and hello_hark on each, Silero VAD) within 1e-3, max |diff| $maxdiff; same wake and speech decisions; embedding CPU fp32 -> int8: x86-64 $(cpu "$out/onnx.x86" emb) -> $(cpu "$out/onnx.x86" emb_int8) s, emulated arm64 $(cpu "$out/onnx.arm" emb) -> $(cpu "$out/onnx.arm" emb_int8) s"
fi

subcommands="$(x86_hark --help)"
if grep -qE '^ +wake ' <<<"$subcommands"; then
  check_same "hark wake" wake "${wake_args[@]}"
else
  record "hark wake" SKIP 0 "no such subcommand yet; ONNX Runtime checked directly above"
fi
check_same "hark understand" understand "${understand_args[@]}"
if [ -f "$commands/labels.json" ]; then
  mapfile -t orders < <(find "$commands/clean" -name '*.wav' | LC_ALL=C sort | head -6)
  check_same "hark eval (6 commands-dev orders)" eval --assistant "$commands/barista.json" --labels "$commands/labels.json" --json "${orders[@]}"
else
  record "hark eval" SKIP 0 "$commands not found (the real spoken orders that CI has beside the checkout)"
fi

elapsed=$(($(date +%s) - started))
echo
echo "ARM64 check under qemu ($arm_version, $(basename "$qemu") $("$qemu" --version | head -1 | awk '{print $3}')):"
printf '  %s\n' "${results[@]}"
echo "  outputs in build/arm64/out; total $elapsed s"
if [ "$failed" -eq 0 ]; then
  echo "PASS"
else
  echo "FAIL"
  exit 1
fi
