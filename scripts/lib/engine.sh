# Shared by scripts/test.sh and scripts/demo.sh: install what barge and its tests need on a Debian
# machine and make sure a Docker engine answers. Sourced, not run.

log() { echo "==> $*" >&2; }
die() { echo "error: $*" >&2; exit 1; }

# Packages the agent needs at run time (an engine) and the ones the tests drive as real peers.
RUNTIME_PACKAGES=(docker.io)
TEST_PACKAGES=(busybox-static git age openssh-server openssh-client gnupg docker-registry apache2-utils curl shellcheck debootstrap chromium)

apt_install() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing packages ${missing[*]}: run as root or install them with apt-get"
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed: check the network and the Debian mirror"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
}

engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# Starts dockerd in the background when no engine answers, logging to /var/log/barge-dockerd.log,
# and waits up to 60 s for its socket.
ensure_engine() {
  engine_answers && return 0
  command -v dockerd >/dev/null || die "no dockerd binary after installing docker.io"
  log "no Docker engine answers: starting dockerd (log: /var/log/barge-dockerd.log)"
  # containerd is started by dockerd itself when not running
  nohup dockerd >/var/log/barge-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do engine_answers && { log "Docker engine $(docker version --format '{{.Server.Version}}') is up"; return 0; }; sleep 1; done
  tail -n 20 /var/log/barge-dockerd.log >&2 || true
  die "the Docker engine did not answer within 60 s: see /var/log/barge-dockerd.log"
}

prepare_machine() {
  apt_install "${RUNTIME_PACKAGES[@]}"
  ensure_engine
}

prepare_test_tools() {
  apt_install "${TEST_PACKAGES[@]}"
  # Node.js may come from elsewhere than Debian (it does on these machines): only install it when absent
  command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
  # an independent sops reader for the interoperability IT (issue: secrets)
  if [ ! -d scripts/node/node_modules/sops-age ]; then
    log "installing the npm package sops-age for the interoperability tests"
    (cd scripts/node && npm install --no-audit --no-fund --silent) || die "npm install of sops-age failed"
  fi
}

# The test image: busybox-static's binary as a rootfs gives sh, httpd, nc and sleep with no registry.
# Tagged busybox:1.36 so the example repo runs unchanged, and barge-test/busybox for the tests.
import_test_images() {
  if docker image inspect busybox:1.36 >/dev/null 2>&1 && docker image inspect barge-test/busybox:1 >/dev/null 2>&1; then
    return 0
  fi
  apt_install busybox-static
  log "importing the busybox test image"
  local root; root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/var/www" "$root/root"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"; done
  echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
  echo 'nobody:x:65534:65534:nobody:/:/bin/false' >> "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  tar -C "$root" -c . | docker import -c 'CMD ["sh"]' -c 'ENV PATH=/bin' - barge-test/busybox:1 >/dev/null
  docker tag barge-test/busybox:1 busybox:1.36
  rm -rf "$root"
}
