#!/usr/bin/env bash
# Removes what scripts/install-service.sh installed: the service (stopped and disabled), /opt/hark,
# /etc/hark and the `hark` command link. The state in /var/lib/hark (skills, timers, voice profiles)
# and the `hark` user stay, so a reinstall carries on where it left off, unless --purge is given.
#
# --root DIR (or DESTDIR=DIR) removes from an installation made with install-service.sh --root DIR.
set -euo pipefail

usage() { sed -n '2,6s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
fail() { printf 'uninstall-service: %s\n' "$*" >&2; exit 1; }
step() { printf '==> %s\n' "$*"; }

root="${DESTDIR:-}"
purge=no
while [ $# -gt 0 ]; do
  case "$1" in
    --root) [ $# -ge 2 ] || fail "--root needs a folder"; root="$2"; shift 2 ;;
    --root=*) root="${1#--root=}"; shift ;;
    --purge) purge=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option: $1" ;;
  esac
done
root="${root%/}"
live=no
if [ -z "$root" ]; then
  live=yes
  [ "$(id -u)" -eq 0 ] || fail "run as root (sudo $0), or give --root DIR"
else
  [ -d "$root" ] || fail "$root: no such folder"
  root="$(cd "$root" && pwd)"
fi

unit="$root/etc/systemd/system/hark.service"
if [ "$live" = yes ] && [ -d /run/systemd/system ]; then
  step "stopping and disabling the service"
  systemctl disable --now hark.service 2>/dev/null || true
elif [ "$live" = no ] && [ -f "$unit" ] && command -v systemctl >/dev/null 2>&1; then
  systemctl --root="$root" --quiet disable hark.service 2>/dev/null || true
fi
rm -f "$root/etc/systemd/system/multi-user.target.wants/hark.service"

step "removing the unit, /opt/hark, /etc/hark and the hark command"
rm -f "$unit"
rm -rf "$root/opt/hark" "$root/opt/hark.new" "$root/etc/hark"
if [ "$(readlink "$root/usr/local/bin/hark" 2>/dev/null)" = /opt/hark/bin/hark ]; then
  rm -f "$root/usr/local/bin/hark"
fi
if [ "$live" = yes ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
fi

if [ "$purge" = yes ]; then
  step "purging the state in $root/var/lib/hark"
  rm -rf "$root/var/lib/hark"
  if [ "$live" = yes ] && getent passwd hark >/dev/null; then
    userdel hark
  fi
  echo "Hark and its state are removed."
else
  echo "Hark is removed; its state stays in $root/var/lib/hark (remove it too with --purge)."
fi
