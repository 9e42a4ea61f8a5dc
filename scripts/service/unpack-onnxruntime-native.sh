#!/usr/bin/env bash
# Unpacks this machine's ONNX Runtime native libraries from the onnxruntime jar into DEST, so that a
# JVM started with -Donnxruntime.native.path=DEST loads them from there. Without it ONNX Runtime
# inflates its 14-17 MB library into /tmp at every start (about 0.1-0.2 s of CPU here, more on a Pi,
# and 16 MB written to the SD card each time). Used by ./hark (into runtime/target/native, after each
# build) and by install-service.sh (into /opt/hark/lib/native).
#
#   scripts/service/unpack-onnxruntime-native.sh ONNXRUNTIME_JAR DEST
#
# Exits 0 having unpacked nothing on a machine ONNX Runtime ships no Linux library for (DEST is then
# not made, and ONNX Runtime falls back to its own unpacking).
set -euo pipefail
[ $# -eq 2 ] || { sed -n '7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
jar="$1"
dest="$2"
[ -f "$jar" ] || { echo "unpack-onnxruntime-native: $jar: no such file" >&2; exit 1; }
case "$(uname -m)" in
  x86_64) arch=linux-x64 ;;
  aarch64|arm64) arch=linux-aarch64 ;;
  *) exit 0 ;;
esac
install -d -m 0755 "$dest"
if command -v unzip >/dev/null 2>&1; then
  unzip -q -j -o "$jar" "ai/onnxruntime/native/$arch/*" -d "$dest"
else
  python3 - "$jar" "ai/onnxruntime/native/$arch/" "$dest" <<'PY'
import os, sys, zipfile
jar, prefix, out = sys.argv[1:]
with zipfile.ZipFile(jar) as z:
    for name in z.namelist():
        if name.startswith(prefix) and not name.endswith("/"):
            with open(os.path.join(out, os.path.basename(name)), "wb") as f:
                f.write(z.read(name))
PY
fi
chmod 0644 "$dest"/*
