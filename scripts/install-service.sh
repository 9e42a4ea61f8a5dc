#!/usr/bin/env bash
# Installs Hark as a systemd service (run with sudo on the Pi, after scripts/setup.sh):
#   /opt/hark         the runtime jar, its libraries, the launcher, models, example recordings
#   /etc/hark         config.json (kept when present: it is the administrator's)
#   /var/lib/hark     state that survives reinstalls: skills/, state/ (timers, alarms), voices/
#   /etc/systemd/system/hark.service, enabled and started
# and a system user `hark` in the audio and gpio groups. Idempotent: run it again to upgrade.
#
# --root DIR (or DESTDIR=DIR) installs into DIR instead of /: no user is created, nothing is chowned
# and no service is started; the unit is enabled with `systemctl --root` when systemctl exists.
# --cds makes the class-data sharing archive even then (it is only valid at the path it was made at,
# so a staged archive is for tests); --no-start installs and enables without starting.
set -euo pipefail
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
fail() { printf 'install-service: %s\n' "$*" >&2; exit 1; }
step() { printf '==> %s\n' "$*"; }

root="${DESTDIR:-}"
cds=auto
start=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --root) [ $# -ge 2 ] || fail "--root needs a folder"; root="$2"; shift 2 ;;
    --root=*) root="${1#--root=}"; shift ;;
    --cds) cds=yes; shift ;;
    --no-start) start=no; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option: $1" ;;
  esac
done
root="${root%/}"
live=no
if [ -z "$root" ]; then
  live=yes
  [ "$(id -u)" -eq 0 ] || fail "run as root (sudo $0), or give --root DIR to install into a folder"
  [ "$cds" = auto ] && cds=yes
else
  mkdir -p "$root"
  root="$(cd "$root" && pwd)"
  [ "$cds" = auto ] && cds=no
fi

opt="$root/opt/hark"
etc="$root/etc/hark"
var="$root/var/lib/hark"
unit_dir="$root/etc/systemd/system"

jar="$src/runtime/target/hark-runtime.jar"
if [ ! -f "$jar" ] || [ ! -d "$src/runtime/target/lib" ]; then
  fail "$jar: not built; run scripts/setup.sh first (it builds Hark and fetches the models)"
fi
[ -f "$src/models/models.json" ] || fail "$src/models/models.json: missing"
command -v java >/dev/null 2>&1 || fail "java not found: install openjdk-17-jre-headless"

step "installing Hark into $opt"
# A fresh copy of the program (never of the state): stale jars from an older version would stay on
# the class path otherwise.
rm -rf "$opt.new"
install -d -m 0755 "$opt.new/bin" "$opt.new/lib" "$opt.new/models/files" "$opt.new/examples" "$opt.new/docs"
install -m 0644 "$jar" "$opt.new/hark-runtime.jar"
install -m 0644 "$src"/runtime/target/lib/*.jar "$opt.new/lib/"
install -m 0755 "$src/scripts/service/hark" "$opt.new/bin/hark"
install -m 0644 "$src/scripts/service/jvm.options" "$opt.new/jvm.options"
# ONNX Runtime unpacks its native library (14-17 MB) into /tmp at every start unless told where an
# unpacked copy is: unpack this machine's once, so a start writes nothing to the SD card.
ort_jar="$(find "$opt.new/lib" -name 'onnxruntime-*.jar' | head -1)"
if [ -n "$ort_jar" ]; then
  "$src/scripts/service/unpack-onnxruntime-native.sh" "$ort_jar" "$opt.new/lib/native"
fi
install -m 0644 "$src/models/models.json" "$opt.new/models/models.json"
if compgen -G "$src/models/files/*" >/dev/null; then
  install -m 0644 "$src"/models/files/* "$opt.new/models/files/"
fi
install -m 0644 "$src"/examples/*.wav "$opt.new/examples/"
[ -f "$src/docs/device.md" ] && install -m 0644 "$src/docs/device.md" "$opt.new/docs/device.md"
# the drop-in that opens the unit to an MQTT broker, for whoever turns the Hermes bridge on (docs/HERMES.md)
install -D -m 0644 "$src/scripts/service/mqtt.conf" "$opt.new/share/mqtt.conf"

step "verifying the models"
# before the swap, so that a failed upgrade leaves the installed Hark as it was
"$opt.new/bin/hark" models verify >/dev/null \
  || { rm -rf "$opt.new"; fail "model check failed: run scripts/setup.sh (it fetches the models), then './hark models verify'"; }
rm -rf "$opt"
mv "$opt.new" "$opt"

step "configuration in $etc"
install -d -m 0755 "$etc"
if [ -f "$etc/config.json" ]; then
  echo "    keeping the existing $etc/config.json"
else
  install -m 0640 "$src/scripts/service/config.json" "$etc/config.json"
fi
"$opt/bin/hark" run --config "$etc/config.json" --print-config >/dev/null \
  || fail "$etc/config.json is refused (see above); fix it and run this again"

step "state folders in $var"
install -d -m 0750 "$var" "$var/skills" "$var/state" "$var/voices" "$var/cache"

if [ "$cds" = yes ]; then
  step "class-data sharing archive (a short run over a bundled recording records the classes Hark loads)"
  rm -f "$opt/lib/hark.jsa"
  # The archive holds the classes a real run loads, so it is made by one, with the service's JVM
  # options (jvm.options) so the layout fits. The recording sets a timer, so the run keeps skill state in a
  # scratch folder; it fills the service's model cache (compiled grammar, letter-to-sound table) so
  # that the first start of the service does not have to.
  scratch="$(mktemp -d)"
  printf '{"skills": {"folder": "%s", "stateFolder": "%s"}, "feedback": {"output": "none"},\n "speaker": {"enabled": false}, "models": {"dir": "%s", "cache": "%s"}}\n' \
    "$var/skills" "$scratch/state" "$opt/models/files" "$var/cache" > "$scratch/config.json"
  (cd "$scratch" && HARK_JAVA_OPTS="@$opt/jvm.options -XX:ArchiveClassesAtExit=$opt/lib/hark.jsa -Xlog:cds=error" \
    "$opt/bin/hark" run --config "$scratch/config.json" --input "$opt/examples/conversation.wav" >/dev/null) \
    || { rm -rf "$scratch"; fail "the run that records the class-data sharing archive failed (see above)"; }
  rm -rf "$scratch"
  [ -f "$opt/lib/hark.jsa" ] || fail "$opt/lib/hark.jsa was not written"
  chmod 0644 "$opt/lib/hark.jsa"
fi

step "systemd unit $unit_dir/hark.service"
install -d -m 0755 "$unit_dir"
install -m 0644 "$src/scripts/service/hark.service" "$unit_dir/hark.service"

if [ "$live" = yes ]; then
  step "user hark (groups audio, gpio)"
  getent group audio >/dev/null || groupadd --system audio
  getent group gpio >/dev/null || groupadd --system gpio
  if ! getent passwd hark >/dev/null; then
    useradd --system --home-dir /var/lib/hark --no-create-home --shell /usr/sbin/nologin \
      --user-group --groups audio,gpio --comment "Hark voice assistant" hark
  else
    usermod --append --groups audio,gpio hark
  fi
  chown -R hark:hark "$var"
  chown root:hark "$etc/config.json"
  ln -sfn /opt/hark/bin/hark /usr/local/bin/hark

  if [ -d /run/systemd/system ]; then
    step "enabling the service"
    systemctl daemon-reload
    systemctl enable hark.service
    if [ "$start" = yes ]; then
      systemctl restart hark.service
    fi
  else
    echo "    systemd is not running here: enable it later with 'systemctl enable --now hark'"
  fi
else
  install -d -m 0755 "$root/usr/local/bin"
  ln -sfn /opt/hark/bin/hark "$root/usr/local/bin/hark"
  if command -v systemctl >/dev/null 2>&1; then
    step "enabling the unit in $root"
    systemctl --root="$root" --quiet enable hark.service
  fi
  echo "    installed into $root: no user created, nothing chowned, no service started"
fi

cat <<EOF

Hark is installed.
  follow the logs:   journalctl -u hark -f
  reload config:     sudo systemctl reload hark     (SIGHUP; an invalid config keeps the old one)
  stop / start:      sudo systemctl stop hark  /  sudo systemctl start hark
  configuration:     /etc/hark/config.json          (check it: hark run --config /etc/hark/config.json --print-config)
  uninstall:         sudo $src/scripts/uninstall-service.sh [--purge]
EOF
