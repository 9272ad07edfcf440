#!/bin/sh
# Builds the "fresh VM" image InstallIT installs barge into: a minimal Debian 12 with systemd (so it can
# boot as PID 1), curl and CA certificates (what the one-line install needs), nothing else: no Java, no
# Docker. Built with debootstrap from the Debian mirror this machine uses (no registry is reachable) and
# imported once; later runs find it by its tag. Usage: scripts/debian-vm-image.sh [TAG]
set -eu
tag=${1:-barge-test/debian-vm:12}
if docker image inspect "$tag" >/dev/null 2>&1; then
  exit 0
fi
command -v debootstrap >/dev/null || { echo "debian-vm-image.sh: debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }
# the first Debian mirror in this machine's apt sources (deb822 or one-line format)
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
  | sed -n -e 's/^URIs: *\(http[^ ]*\/debian\)\/*$/\1/p' -e 's/^deb \(\[[^]]*\] \)\{0,1\}\(http[^ ]*\/debian\)\/* .*/\2/p' | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}
root=$(mktemp -d "${TMPDIR:-/tmp}/debian-vm.XXXXXX")
trap 'rm -rf "$root"' EXIT
echo "==> debootstrap bookworm from $mirror into $root (a few minutes)" >&2
debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,curl,ca-certificates \
  bookworm "$root" "$mirror" >"$root.log" 2>&1 || { tail -n 20 "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
# a VM boots without the consoles and units that only make sense on hardware
rm -f "$root"/etc/systemd/system/getty.target.wants/* "$root"/etc/machine-id
tar -C "$root" -c . | docker import -c 'CMD ["/sbin/init"]' -c 'ENV container=docker' - "$tag" >/dev/null
echo "==> imported $tag" >&2
