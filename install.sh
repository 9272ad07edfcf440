#!/bin/sh
# barge's installer: brings a Debian or Ubuntu VM (RHEL-family with some help) under barge in one line:
#
#   curl -fsSL https://HOST/install.sh | sudo sh -s -- --source git@git.example.com:ops/deploy.git \
#     --labels client=earth,environment=production
#
# Idempotent: a second run with the same options changes nothing; a newer release upgrades in place.
# Every failure stops with one line saying what failed and what to do. docs/install.md has the details.
# For tests: BARGE_OS_RELEASE (default /etc/os-release) and DOCKER_HOST (unix:///var/run/docker.sock).
set -eu

PREFIX=/opt/barge
LINK=/usr/local/bin/barge
ETC=/etc/barge
CONFIG=$ETC/agent.yaml
AGE_KEY=$ETC/age.key
STATE=/var/lib/barge
UNIT=/etc/systemd/system/barge.service
RELEASE_BASE=${BARGE_RELEASE_BASE:-https://github.com/barge-dev/barge/releases/download}
OS_RELEASE=${BARGE_OS_RELEASE:-/etc/os-release}
WAIT_SECONDS=${BARGE_WAIT_SECONDS:-120}

usage() {
  cat <<'EOF'
Usage: install.sh [OPTIONS]         (as root; e.g. curl -fsSL URL/install.sh | sudo sh -s -- OPTIONS)

Installs barge, writes /etc/barge/agent.yaml and starts the barge service.

  --source URL             the config repository (https://, ssh://, git@host:path, git://, file://)
  --branch NAME            its branch (default: main)
  --path DIR               the config root inside the repository (default: its top)
  --labels K=V,...         this node's labels, matched by the repository's deployments
  --node NAME              this node's name (default: the host name)
  --ssh-key FILE           the SSH deploy key (default for ssh sources: generate /etc/barge/id_ed25519)
  --token-file FILE        a file holding an HTTPS access token
  --known-hosts FILE       the git host's SSH keys (default for ssh sources: scanned, fingerprints printed)
  --allowed-signers FILE   refuse commits not signed by these keys (ssh allowed_signers format)
  --from FILE|URL          the release tarball (default: the release this script sits in, else the download)
  --version V              the version to download, or to require of --from
  --force                  rewrite an existing /etc/barge/agent.yaml from the options
  --no-start               install and enable the service but do not start it
  --dry-run                print every step it would take and change nothing
  --uninstall              stop and remove the service and the program; keep /etc/barge, /var/lib/barge
                           and every container (add --purge to remove those too)
  --help                   this text
EOF
}

say() { printf '%s\n' "$*"; }
# one line, what failed and what to do; nothing half-installed stays behind (see cleanup)
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
step() { printf '==> %s\n' "$*"; }

changed=0
dry=0
# in a dry run every change is printed instead of made
run() {
  if [ "$dry" -eq 1 ]; then
    say "    would run: $*"
  else
    "$@"
  fi
}
mark_changed() { changed=$((changed + 1)); }

work=''
started_unit=0
cleanup() {
  status=$?
  [ -n "$work" ] && rm -rf "$work"
  if [ "$status" -ne 0 ] && [ "$started_unit" -eq 1 ]; then
    # a service this run started and that then failed is stopped, never left crash-looping
    systemctl stop barge.service >/dev/null 2>&1 || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- options

source_url='' branch='' path='' labels='' node='' ssh_key='' token_file='' known_hosts='' signers=''
from='' version='' force=0 no_start=0 uninstall=0 purge=0

need() { if [ $# -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value: see install.sh --help"; fi; }
while [ $# -gt 0 ]; do
  case $1 in
    --*=*) opt=${1%%=*}; value=${1#*=}; shift; set -- "$opt" "$value" "$@" ;;
  esac
  opt=$1
  case $opt in
    --source) need "$@"; source_url=$2; shift ;;
    --branch) need "$@"; branch=$2; shift ;;
    --path) need "$@"; path=$2; shift ;;
    --labels) need "$@"; labels=$2; shift ;;
    --node) need "$@"; node=$2; shift ;;
    --ssh-key) need "$@"; ssh_key=$2; shift ;;
    --token-file) need "$@"; token_file=$2; shift ;;
    --known-hosts) need "$@"; known_hosts=$2; shift ;;
    --allowed-signers) need "$@"; signers=$2; shift ;;
    --from) need "$@"; from=$2; shift ;;
    --version) need "$@"; version=$2; shift ;;
    --force) force=1 ;;
    --no-start) no_start=1 ;;
    --dry-run) dry=1 ;;
    --uninstall) uninstall=1 ;;
    --purge) purge=1 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $opt: see install.sh --help" ;;
  esac
  shift
done

[ -z "$ssh_key" ] || [ -z "$token_file" ] || die "--ssh-key and --token-file both given: pass the one your git host needs"
[ "$purge" -eq 0 ] || [ "$uninstall" -eq 1 ] || die "--purge only goes with --uninstall"
if [ "$dry" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
  die "must run as root: run it with sudo (or try --dry-run as any user)"
fi
[ "$dry" -eq 0 ] || say "Dry run: nothing is changed."

has() { command -v "$1" >/dev/null 2>&1; }
systemd_running() { [ -d /run/systemd/system ] && has systemctl; }

# ---------------------------------------------------------------- uninstall

if [ "$uninstall" -eq 1 ]; then
  step "uninstalling barge"
  if [ -f "$UNIT" ]; then
    if systemd_running; then
      run systemctl disable --now barge.service >/dev/null 2>&1 || true
    fi
    run rm -f "$UNIT"
    if systemd_running; then run systemctl daemon-reload; fi
  fi
  case $(readlink "$LINK" 2>/dev/null || true) in
    "$PREFIX"/*) run rm -f "$LINK" ;;
  esac
  [ ! -d "$PREFIX" ] || run rm -rf "$PREFIX"
  if [ "$purge" -eq 1 ]; then
    # only the containers this node's state records, and only while they still carry the spec it recorded:
    # another barge on the same engine (or anyone) may use barge's labels too
    recorded=$(sed -n '/"spec_hashes"/,/}/s/^ *"\([^"]*\)" *: *"\([0-9a-f]*\)".*/\1 \2/p' "$STATE/state.json" 2>/dev/null || true)
    if [ -n "$recorded" ] && ! has docker; then
      say "    no docker command here: remove the containers named in $STATE/state.json (spec_hashes) by hand"
    elif [ -n "$recorded" ]; then
      printf '%s\n' "$recorded" | while read -r name hash; do
        if [ "$(docker inspect -f '{{index .Config.Labels "dev.barge.spec"}}' "$name" 2>/dev/null)" = "$hash" ]; then
          run docker rm -f "$name" >/dev/null
          say "    removed container $name"
        fi
      done
      say "    kept volumes and networks: list them with docker volume ls / docker network ls --filter label=dev.barge.managed"
    fi
    run rm -rf "$ETC" "$STATE"
    say "Removed barge, its config ($ETC), its state ($STATE) and its containers."
  else
    say "Removed the barge service and program. Kept $ETC, $STATE and every container barge started;"
    say "remove them with: install.sh --uninstall --purge"
  fi
  exit 0
fi

# ---------------------------------------------------------------- the operating system

[ -r "$OS_RELEASE" ] || die "cannot read $OS_RELEASE to tell which Linux this is: install Java 17+ and Docker by hand, then run again"
os_id=$(sed -n 's/^ID=//p' "$OS_RELEASE" | tr -d '"' | head -n 1)
os_like=$(sed -n 's/^ID_LIKE=//p' "$OS_RELEASE" | tr -d '"' | head -n 1)
os_name=$(sed -n 's/^PRETTY_NAME=//p' "$OS_RELEASE" | tr -d '"' | head -n 1)
case " $os_id $os_like " in
  *" debian "*|*" ubuntu "*) family=apt ;;
  *" rhel "*|*" fedora "*|*" rocky "*|*" almalinux "*|*" centos "*) family=dnf ;;
  *) family=other ;;
esac
step "operating system: ${os_name:-$os_id} (packages: $family)"

# apt's chatter goes to a log, shown only when it fails
apt_get() {
  if [ "$dry" -eq 1 ]; then
    say "    would run: apt-get $*"
  elif ! DEBIAN_FRONTEND=noninteractive apt-get "$@" >"$work/apt.log" 2>&1; then
    tail -n 15 "$work/apt.log" >&2
    die "apt-get $* failed: see the lines above, fix apt (network, /etc/apt/sources.list) and run again"
  fi
}
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    apt_get update
    apt_updated=1
  fi
  say "    installing $*"
  apt_get install -y --no-install-recommends "$@"
  mark_changed
}

# ---------------------------------------------------------------- the release

work=$(mktemp -d "${TMPDIR:-/tmp}/barge-install.XXXXXX")
here=$(cd "$(dirname "$0")" 2>/dev/null && pwd || echo /nonexistent)

fetch() {  # URL FILE
  if has curl; then
    curl -fsSL --retry 3 -o "$2" "$1"
  elif has wget; then
    wget -q -O "$2" "$1"
  else
    return 127
  fi
}

sha256_of() { sha256sum "$1" | cut -d ' ' -f 1; }

# the expected checksum of tarball $1 from $2, a sha256sum-format file (its .sha256 or a SHA256SUMS)
expected_sum() {
  name=$(basename "$1")
  awk -v n="$name" '$2 == n || $2 == "*" n { print $1; exit }' "$2"
}

release_dir=''
if [ -z "$from" ] && [ -f "$here/lib/barge.jar" ] && [ -f "$here/SHA256SUMS" ]; then
  release_dir=$here   # run from an unpacked release: install that one
elif [ -z "$from" ]; then
  if [ -z "$version" ]; then
    fetch "$RELEASE_BASE/latest/VERSION" "$work/VERSION" \
      || die "could not learn the latest version from $RELEASE_BASE: pass --version V or --from FILE"
    version=$(tr -d ' \n\r' <"$work/VERSION")
  fi
  from=$RELEASE_BASE/v$version/barge-$version.tar.gz
fi

if [ -z "$release_dir" ]; then
  case $from in
    http://*|https://*)
      step "downloading $from"
      tarball=$work/$(basename "$from")
      fetch "$from" "$tarball" || die "could not download $from: check the URL and the network (curl or wget is needed)"
      fetch "$from.sha256" "$work/checksum" || die "could not download $from.sha256: a release is only installed with its checksum"
      ;;
    *)
      [ -f "$from" ] || die "no release tarball at $from: pass --from with the path of barge-VERSION.tar.gz"
      tarball=$from
      if [ -f "$from.sha256" ]; then
        cp "$from.sha256" "$work/checksum"
      elif [ -f "$(dirname "$from")/SHA256SUMS" ]; then
        cp "$(dirname "$from")/SHA256SUMS" "$work/checksum"
      else
        die "no checksum next to $from ($from.sha256 or SHA256SUMS): copy it from the release too"
      fi
      ;;
  esac
  want=$(expected_sum "$tarball" "$work/checksum")
  [ -n "$want" ] || die "the checksum file for $(basename "$tarball") does not list it: download both from the same release"
  [ "$(sha256_of "$tarball")" = "$want" ] || die "$tarball does not match its SHA-256 checksum: download it again"
  top=$(tar -tzf "$tarball" | head -n 1)
  top=${top%%/*}
  case $top in
    barge-*) ;;
    *) die "$tarball is not a barge release (no barge-VERSION/ inside): pass the tarball mvn package builds" ;;
  esac
  if tar -tzf "$tarball" | grep -qv -e "^$top/" -e "^$top\$"  || tar -tzf "$tarball" | grep -q '\(^\|/\)\.\.\(/\|$\)'; then
    die "$tarball has files outside $top/: it is not a release mvn package built, download it again"
  fi
  tar_version=${top#barge-}
  [ -z "$version" ] || [ "$version" = "$tar_version" ] || die "$tarball holds barge $tar_version, not $version: pass the matching --from or --version"
  version=$tar_version
  mkdir "$work/unpacked"
  tar -xzf "$tarball" -C "$work/unpacked"
  release_dir=$work/unpacked/$top
  say "    barge $version, checksum verified"
else
  version=$(tr -d ' \n\r' <"$here/VERSION" 2>/dev/null || true)
fi
(cd "$release_dir" && sha256sum -c --quiet SHA256SUMS >/dev/null 2>&1) \
  || die "the files in release $version do not match its SHA256SUMS: download the release again"
case $version in
  ''|*/*|.*) die "cannot tell the release's version (got '$version'): pass --from barge-VERSION.tar.gz" ;;
esac

# ---------------------------------------------------------------- Java 17+

java_major() {  # prints the major version of the java on PATH, nothing when there is none
  has java || return 0
  java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\)\(\.[0-9]*\)*.*".*/\1/p' | head -n 1
}
step "Java 17 or newer"
major=$(java_major)
if [ -n "$major" ] && [ "$major" -ge 17 ]; then
  say "    found Java $major"
else
  case $family in
    apt)
      pkg=''
      if [ "$dry" -eq 0 ]; then
        apt_get update
        apt_updated=1
      fi
      for p in openjdk-17-jre-headless openjdk-21-jre-headless openjdk-25-jre-headless; do
        # no package cache files written: a dry run must not change /var/cache/apt either
        if apt-cache -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= show "$p" >/dev/null 2>&1; then pkg=$p; break; fi
      done
      [ -n "$pkg" ] || pkg=openjdk-17-jre-headless
      apt_install "$pkg" ;;
    dnf)
      run dnf install -y java-17-openjdk-headless || die "dnf install java-17-openjdk-headless failed: install a Java 17+ runtime by hand and run again"
      mark_changed ;;
    *)
      die "no Java 17+ found and ${os_id:-this OS} is not Debian, Ubuntu or RHEL-family: install a Java 17+ runtime (e.g. OpenJDK 17 headless) by hand and run again" ;;
  esac
  if [ "$dry" -eq 0 ]; then
    major=$(java_major)
    if [ -z "$major" ] || [ "$major" -lt 17 ]; then
      die "Java 17+ is still not on PATH after installing it: install one by hand and run again"
    fi
  fi
fi

# ---------------------------------------------------------------- a Docker engine

docker_socket=/var/run/docker.sock
case ${DOCKER_HOST:-} in
  unix://*) docker_socket=${DOCKER_HOST#unix://} ;;
  '') ;;
  *) docker_socket='' ;;
esac
engine_answers() {
  if has docker; then
    docker version --format '{{.Server.Version}}' >/dev/null 2>&1
  elif [ -n "$docker_socket" ] && [ -S "$docker_socket" ] && has curl; then
    curl -fsS --max-time 5 --unix-socket "$docker_socket" http://localhost/_ping >/dev/null 2>&1
  else
    return 1
  fi
}
step "a Docker engine"
if engine_answers; then
  say "    the engine answers"
else
  case $family in
    apt)
      has dockerd || apt_install docker.io
      if systemd_running; then
        run systemctl enable --now docker.service || die "could not start docker.service: see journalctl -u docker and run again"
      elif [ "$dry" -eq 0 ]; then
        run service docker start >/dev/null 2>&1 || die "could not start the Docker engine: start dockerd by hand and run again"
      fi
      if [ "$dry" -eq 0 ]; then
        i=0
        until engine_answers; do
          i=$((i + 1))
          [ "$i" -le 30 ] || die "the Docker engine did not answer within 30 s: see journalctl -u docker and run again"
          sleep 1
        done
      fi
      mark_changed ;;
    dnf)
      die "no Docker engine answers: on ${os_id:-RHEL} install Docker CE from Docker's own repository (https://docs.docker.com/engine/install/) or moby-engine, start it (systemctl enable --now docker), then run again" ;;
    *)
      die "no Docker engine answers and ${os_id:-this OS} is not Debian, Ubuntu or RHEL-family: install and start a Docker engine by hand, then run again" ;;
  esac
fi

# ---------------------------------------------------------------- the program

home=$PREFIX/$version
step "barge $version in $home"
if [ -d "$home" ] && cmp -s "$home/SHA256SUMS" "$release_dir/SHA256SUMS"; then
  say "    already installed"
  upgraded=0
else
  run mkdir -p "$PREFIX"
  run rm -rf "$home.new"
  run cp -R "$release_dir" "$home.new"
  [ "$dry" -eq 1 ] || chmod -R go-w "$home.new"
  run rm -rf "$home.old"
  [ ! -d "$home" ] || run mv "$home" "$home.old"
  run mv "$home.new" "$home"
  run rm -rf "$home.old"
  # class data sharing: the classes a typical run loads, dumped once, make every start faster. The archive
  # records the jar's path, so it is made in place, with the launcher's own flags; one the JVM would not
  # map (-Xshare:on fails) is removed rather than left to slow every start with a warning.
  if [ "$dry" -eq 1 ]; then
    say "    would run: java -XX:ArchiveClassesAtExit=$home/lib/barge.jsa -jar $home/lib/barge.jar validate ..."
  else
    mkdir -p "$work/cds" && printf 'version: 1\n' >"$work/cds/barge.yaml"
    { BARGE_JAVA_OPTS="-XX:ArchiveClassesAtExit=$home/lib/barge.jsa" "$home/bin/barge" \
        validate --config "$home/agent.yaml" "$work/cds" >/dev/null 2>&1 \
      && BARGE_JAVA_OPTS=-Xshare:on "$home/bin/barge" version >/dev/null 2>&1; } \
      || { rm -f "$home/lib/barge.jsa"; say "    (no class data archive: barge starts a little slower)"; }
  fi
  upgraded=1
  mark_changed
fi
if [ "$(readlink "$LINK" 2>/dev/null || true)" != "$home/bin/barge" ]; then
  previous=$(readlink "$LINK" 2>/dev/null || true)
  run mkdir -p "$(dirname "$LINK")"
  run ln -sfn "$home/bin/barge" "$LINK.new"
  run mv -f "$LINK.new" "$LINK"
  say "    $LINK -> $home/bin/barge${previous:+ (was $previous)}"
  upgraded=1
  mark_changed
fi
barge=$home/bin/barge
[ "$dry" -eq 0 ] || barge=$release_dir/bin/barge

# ---------------------------------------------------------------- /etc/barge

yaml() {  # a YAML double-quoted string
  printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"
}
# a file given by option: copied into /etc/barge (0600, root's) unless it is already there; sets $copied
private_copy() {  # SOURCE NAME
  [ -f "$1" ] || die "no file $1: check the path given to the option"
  copied=$ETC/$2
  if [ "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" != "$copied" ] && ! cmp -s "$1" "$copied"; then
    run install -m 0600 -o root -g root "$1" "$copied"
    mark_changed
  fi
}

validate_config() {  # FILE: barge itself checks it, against an empty config repo
  mkdir -p "$work/empty-repo"
  printf 'version: 1\n' >"$work/empty-repo/barge.yaml"
  "$barge" validate --config "$1" "$work/empty-repo" >"$work/validate.out" 2>&1
}

step "configuration in $ETC"
[ -d "$ETC" ] || { run mkdir -p "$ETC"; mark_changed; }
[ "$dry" -eq 1 ] || chmod 0700 "$ETC"

if [ -f "$AGE_KEY" ]; then
  recipient=$(sed -n 's/^# public key: //p' "$AGE_KEY" | head -n 1)
else
  if [ "$dry" -eq 1 ]; then
    say "    would run: barge secrets keygen -o $AGE_KEY"
    recipient='age1... (generated when run for real)'
  else
    recipient=$("$barge" secrets keygen -o "$AGE_KEY") || die "barge secrets keygen -o $AGE_KEY failed: see the message above"
  fi
  mark_changed
fi
is_ssh=0
case $source_url in
  ssh://*|git@*|*@*:*) is_ssh=1 ;;
esac

write_config=0
if [ -f "$CONFIG" ] && [ "$force" -eq 0 ]; then
  if [ "$dry" -eq 0 ] || has java; then
    validate_config "$CONFIG" || die "the existing $CONFIG is invalid ($(grep -m 1 . "$work/validate.out")): fix it, or rewrite it from the options with --force"
  fi
  say "    kept the existing $CONFIG (--force rewrites it from the options)"
  if [ -n "$source_url" ] && ! grep -qF "$(yaml "$source_url")" "$CONFIG"; then
    say "    note: it does not name --source $source_url: the options were not applied"
  fi
else
  [ -n "$source_url" ] || die "--source URL is needed to write $CONFIG: pass the config repository's URL"
  write_config=1
fi

if [ "$write_config" -eq 1 ]; then
  auth=''
  if [ -n "$token_file" ]; then
    private_copy "$token_file" git-token
    auth="  auth: {token_file: $(yaml "$copied")}"
  elif [ "$is_ssh" -eq 1 ]; then
    if [ -n "$ssh_key" ]; then
      private_copy "$ssh_key" id_ed25519
      key=$copied
    else
      key=$ETC/id_ed25519
      if [ ! -f "$key" ]; then
        if ! has ssh-keygen; then
          [ "$family" = apt ] || die "ssh-keygen is missing: install OpenSSH's client, or pass --ssh-key FILE"
          apt_install openssh-client
        fi
        run ssh-keygen -q -t ed25519 -N '' -C "barge@$(hostname)" -f "$key"
        mark_changed
        generated_key=1
      fi
    fi
    if [ -n "$known_hosts" ]; then
      private_copy "$known_hosts" known_hosts
      hosts=$copied
    else
      hosts=$ETC/known_hosts
      if [ ! -f "$hosts" ]; then
        host=$(printf '%s' "$source_url" | sed -e 's|^ssh://||' -e 's|^[^@]*@||' -e 's|[:/].*$||')
        port=$(printf '%s' "$source_url" | sed -n 's|^ssh://[^/]*:\([0-9][0-9]*\)/.*|\1|p')
        if [ "$dry" -eq 1 ]; then
          say "    would run: ssh-keyscan ${port:+-p $port }$host > $hosts"
        else
          has ssh-keyscan || die "ssh-keyscan is missing: install OpenSSH's client, or pass --known-hosts FILE"
          ssh-keyscan ${port:+-p "$port"} "$host" >"$work/known_hosts" 2>/dev/null || true
          [ -s "$work/known_hosts" ] || die "could not read $host's SSH host keys: check the host name, or pass --known-hosts FILE"
          install -m 0600 "$work/known_hosts" "$hosts"
          say "    trusted $host's SSH host keys on first use; compare with the git host's published fingerprints:"
          ssh-keygen -l -f "$hosts" | sed 's/^/      /'
        fi
        mark_changed
      fi
    fi
    auth="  auth: {ssh_key: $(yaml "$key"), known_hosts: $(yaml "$hosts")}"
  fi
  verify=''
  if [ -n "$signers" ]; then
    private_copy "$signers" allowed_signers
    verify="  verify: {allowed_signers: $(yaml "$copied")}"
  fi
  {
    say "# Written by install.sh from its options; every key is explained in $home/agent.yaml."
    say "# Check a change with: barge validate --config $CONFIG <a checkout of the config repo>"
    say "node:"
    [ -z "$node" ] || say "  name: $(yaml "$node")"
    if [ -n "$labels" ]; then
      say "  labels:"
      old_ifs=$IFS; IFS=,
      for kv in $labels; do
        case $kv in
          ?*=*) say "    $(yaml "${kv%%=*}"): $(yaml "${kv#*=}")" ;;
          *) die "--labels wants K=V pairs separated by commas, got '$kv'" ;;
        esac
      done
      IFS=$old_ifs
    fi
    say "source:"
    say "  url: $(yaml "$source_url")"
    say "  branch: $(yaml "${branch:-main}")"
    [ -z "$path" ] || say "  path: $(yaml "$path")"
    [ -z "$auth" ] || say "$auth"
    [ -z "$verify" ] || say "$verify"
    say "secrets:"
    say "  age_identities: [$AGE_KEY]"
    say "state_dir: $STATE"
  } >"$work/agent.yaml"
  # a dry run has not made the key files this config names, so only a real run can validate it
  if [ "$dry" -eq 0 ]; then
    validate_config "$work/agent.yaml" \
      || die "the options make an invalid agent config ($(grep -m 1 . "$work/validate.out")): correct them and run again"
  fi
  if [ -f "$CONFIG" ] && cmp -s "$work/agent.yaml" "$CONFIG"; then
    say "    $CONFIG is already as the options say"
  else
    run install -m 0600 -o root -g root "$work/agent.yaml" "$CONFIG"
    if [ "$dry" -eq 1 ]; then
      say "    would write $CONFIG:"
      sed 's/^/      /' "$work/agent.yaml"
    else
      say "    wrote $CONFIG"
    fi
    config_changed=1
    mark_changed
  fi
fi

if [ -f "$ETC/id_ed25519.pub" ] && [ -n "${generated_key:-}" ]; then
  say ""
  say "Add this deploy key (read-only) to the config repository on the git host:"
  say "  $(cat "$ETC/id_ed25519.pub")"
fi
say ""
say "This node's age recipient, for the config repo's .sops.yaml (add it to the creation rule's age: list):"
say "  - age: $recipient"
say ""

# ---------------------------------------------------------------- the service

step "the barge service"
[ -d "$STATE" ] || { run mkdir -p "$STATE"; mark_changed; }
[ "$dry" -eq 1 ] || chmod 0700 "$STATE"
unit_changed=0
if ! cmp -s "$release_dir/barge.service" "$UNIT"; then
  run mkdir -p "$(dirname "$UNIT")"
  run install -m 0644 "$release_dir/barge.service" "$UNIT"
  unit_changed=1
  mark_changed
fi
if ! systemd_running; then
  say "    systemd is not running here: start the agent with \`barge agent\` (or under your own supervisor)"
else
  [ "$unit_changed" -eq 0 ] || run systemctl daemon-reload
  if ! systemctl is-enabled --quiet barge.service 2>/dev/null; then
    run systemctl enable --quiet barge.service
    mark_changed
  fi
  if [ "$no_start" -eq 1 ] && systemctl is-active --quiet barge.service; then
    say "    enabled and running (--no-start leaves it as it is)"
  elif [ "$no_start" -eq 1 ]; then
    say "    enabled, not started (--no-start): start it with systemctl start barge"
  elif ! systemctl is-active --quiet barge.service; then
    run systemctl start barge.service || die "could not start barge.service: see journalctl -u barge"
    started_unit=1
    mark_changed
  elif [ "$upgraded" -eq 1 ] || [ "$unit_changed" -eq 1 ] || [ -n "${config_changed:-}" ]; then
    run systemctl restart barge.service || die "could not restart barge.service: see journalctl -u barge"
    started_unit=1
    say "    restarted"
  fi
  if [ "$started_unit" -eq 1 ] && [ "$dry" -eq 0 ]; then
    say "    waiting up to ${WAIT_SECONDS}s for the first reconcile"
    i=0
    until "$barge" status --json >"$work/status.json" 2>/dev/null && ! grep -q '"last_attempt" *: *null' "$work/status.json"; do
      systemctl is-active --quiet barge.service \
        || die "barge.service stopped before its first reconcile: see journalctl -u barge, fix and run again"
      i=$((i + 2))
      if [ "$i" -gt "$WAIT_SECONDS" ]; then
        say "    no reconcile within ${WAIT_SECONDS}s yet (a slow image pull?): watch it with journalctl -u barge -f"
        break
      fi
      sleep 2
    done
    started_unit=0
    "$barge" status || true
  fi
fi

if [ "$changed" -eq 0 ]; then
  say "Nothing changed: barge $version is installed and configured as asked."
elif [ "$dry" -eq 1 ]; then
  say "Dry run done: the steps above would change $changed thing(s)."
else
  say "barge $version is installed."
fi
