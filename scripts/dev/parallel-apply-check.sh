#!/usr/bin/env bash
# A quick check of parallel apply against docker-compose 1.29 (the reusable benchmark is bench/):
# 20 busybox httpd services on 127.0.0.1:19660-19679, applied fresh and with one service changed,
# by ./barge apply and by docker-compose up -d with the same compose file, one after the other.
# Touches only what it creates: stack itspdbench (barge, its own state dir) and project itspdcompose.
# Usage: scripts/dev/parallel-apply-check.sh [rounds]   (needs ./barge built and docker-compose)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-1}"
work="$(mktemp -d /tmp/itspd-check.XXXXXX)"
trap 'cleanup; rm -rf "$work"' EXIT

repo="$work/repo"
mkdir -p "$repo/deployments" "$repo/stacks/bench"
{
  echo "services:"
  for i in $(seq 0 19); do
    printf '  s%02d:\n    image: busybox:1.36\n    restart: unless-stopped\n' "$i"
    printf '    environment: {MSG: "${V%d:-a}"}\n' "$i"
    printf '    ports: ["127.0.0.1:%d:8080"]\n' $((19660 + i))
    # a shell as PID 1 ignores SIGTERM: the trap makes a stop quick for both tools
    printf '    command: ["sh", "-c", "mkdir -p /www; echo $$MSG > /www/index.html; httpd -f -p 8080 -h /www & p=$$!; trap \\"kill $$p; exit 0\\" TERM; wait"]\n'
  done
} > "$repo/stacks/bench/compose.yaml"
deployment() {
  printf 'deployment: itspd\nmatch: {bench: itspd}\nstacks:\n  - name: itspdbench\n    compose: stacks/bench/compose.yaml\n    env: {V0: %s}\n' "$1" \
    > "$repo/deployments/bench.yaml"
}
deployment a
git -C "$repo" init -q -b main && git -C "$repo" add -A && git -C "$repo" -c user.name=t -c user.email=t@t commit -qm one
cat > "$work/agent.yaml" <<YAML
node: {name: itspd, labels: {bench: itspd}}
source: {url: $repo, branch: main}
state_dir: $work/state
YAML

cleanup() {
  docker ps -aq --filter label=dev.barge.stack=itspdbench | xargs -r docker rm -f >/dev/null
  docker network ls -q --filter label=dev.barge.stack=itspdbench | xargs -r docker network rm >/dev/null
  docker-compose -p itspdcompose -f "$repo/stacks/bench/compose.yaml" down -t 2 >/dev/null 2>&1 || true
  rm -rf "$work/state"
}
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; }; e=$(date +%s.%N); echo "$e - $s" | bc; }
barge() { BARGE_STACK_PREFIX=itspdbench "$here/barge" apply --config "$work/agent.yaml" --auto-approve; }
compose() { docker-compose -p itspdcompose -f "$repo/stacks/bench/compose.yaml" up -d; }

for r in $(seq 1 "$rounds"); do
  cleanup; deployment a; git -C "$repo" -c user.name=t -c user.email=t@t commit -qam a --allow-empty
  bf=$(seconds barge)
  deployment b; git -C "$repo" -c user.name=t -c user.email=t@t commit -qam b
  bc1=$(seconds barge)
  cleanup
  cf=$(seconds compose)
  cc1=$(V0=b seconds compose)
  cleanup
  printf 'round %d: fresh 20: barge %.1fs compose %.1fs | one changed: barge %.1fs compose %.1fs | load %s\n' \
    "$r" "$bf" "$cf" "$bc1" "$cc1" "$(cut -d' ' -f1 /proc/loadavg)"
done
