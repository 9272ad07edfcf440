#!/usr/bin/env bash
# Benchmarks barge against docker-compose on one stack of 20 busybox httpd services (no healthchecks),
# the same compose file for both tools, run alternately N times, each on fresh state:
#   fresh      apply of the 20 services on an engine that has none of them
#   no-change  the same apply again
#   one-change one service's environment changed (barge's health gate included: it settles the new one)
#   gap        during that change, the longest time its published port gave no HTTP answer
# Prints the median of each case per tool and the barge/compose ratio. See docs/performance.md.
#
# usage: bench/compose-vs-barge.sh [N]      (N runs of each tool, default 3)
# env:   BARGE=path of the barge launcher (default: ./barge of this checkout, which builds the jar)
#        BENCH_PORT=first of 20 host ports on 127.0.0.1 (default 19680)
#
# It creates only: a temp dir (config repo, agent config, state dir), the containers and networks of
# barge stack "bench" and compose project "benchdc"; it removes all of them on exit, and nothing else.
set -euo pipefail

runs=${1:-3}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
barge=${BARGE:-$here/barge}
port0=${BENCH_PORT:-19680}
services=20
image=busybox:1.36
stack=bench          # barge's stack (and BARGE_STACK_PREFIX, so it plans nothing else on this engine)
project=benchdc      # docker-compose's project

case "$runs" in '' | *[!0-9]* | 0) echo "usage: $0 [N]  (N: a positive number of runs)" >&2; exit 64 ;; esac

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "bench: installing docker-compose from Debian's packages" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >&2
fi
docker image inspect "$image" >/dev/null 2>&1 || docker pull -q "$image" >/dev/null

work="$(mktemp -d)"
chmod 700 "$work"
prober=""

remove_containers() {
  local ids
  ids="$(docker ps -aq --filter "label=com.docker.compose.project=$1")"
  if [ -n "$ids" ]; then
    # shellcheck disable=SC2086  # one id per word
    docker rm -f $ids >/dev/null
  fi
  docker network rm "${1}_default" >/dev/null 2>&1 || true
}

cleanup() {
  if [ -n "$prober" ]; then kill "$prober" 2>/dev/null || true; fi
  remove_containers "$stack"
  remove_containers "$project"
  rm -rf "$work"
}
trap cleanup EXIT

# The compose file: version $2 of service $1's environment, version 1 for every other.
write_compose() {
  local changed=$1 version=$2 i name
  echo "services:"
  for i in $(seq 1 "$services"); do
    name=$(printf 's%02d' "$i")
    echo "  $name:"
    echo "    image: $image"
    echo "    command: [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/tmp\"]"
    echo "    environment:"
    if [ "$name" = "$changed" ]; then echo "      VERSION: \"$version\""; else echo "      VERSION: \"1\""; fi
    echo "    ports: [\"127.0.0.1:$((port0 + i - 1)):8080\"]"
    echo "    restart: unless-stopped"
  done
}

# barge's side: a config repo (git), an agent config, a state dir, all in the temp dir
repo="$work/repo"
mkdir -p "$repo/deployments" "$repo/stacks/$stack" "$work/compose"
cat >"$repo/deployments/bench.yaml" <<EOF
deployment: bench
match: {role: bench}
stacks:
  - name: $stack
    compose: stacks/$stack/compose.yaml
EOF
cat >"$work/agent.yaml" <<EOF
node: {name: bench-node, labels: {role: bench}}
source: {url: $repo, branch: main}
state_dir: $work/state
EOF
git -C "$repo" init -q -b main
git -C "$repo" config user.email bench@localhost
git -C "$repo" config user.name bench

commit_compose() {
  write_compose "$1" "$2" >"$repo/stacks/$stack/compose.yaml"
  git -C "$repo" add -A
  git -C "$repo" commit -q --allow-empty -m "bench: $1 version $2"
}

run_barge() {
  BARGE_STACK_PREFIX=$stack "$barge" apply --auto-approve --config "$work/agent.yaml" >>"$work/barge.log" 2>&1
}

run_compose() {
  # docker-compose gives up on an engine call after 60 s by default, which a loaded machine can exceed
  COMPOSE_HTTP_TIMEOUT=600 docker-compose -p "$project" -f "$work/compose/compose.yaml" up -d >>"$work/compose.log" 2>&1
}

now() { date +%s%N; }

# seconds (3 decimals) a command takes; the command's failure ends the benchmark
timed() {
  local start end
  start=$(now)
  if ! "$@"; then
    echo "bench: $* failed; the end of its output:" >&2
    if [ "$1" = run_barge ]; then tail -20 "$work/barge.log" >&2; else tail -20 "$work/compose.log" >&2; fi
    exit 1
  fi
  end=$(now)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", (e - s) / 1e9 }'
}

# Polls the first service's port every 20 ms until stopped; one line per poll: time(ns) ok|fail
start_prober() {
  local url="http://127.0.0.1:$port0/"
  (
    while :; do
      t=$(now)
      if curl -s -o /dev/null -m 0.5 "$url"; then echo "$t ok"; else echo "$t fail"; fi
      sleep 0.02
    done
  ) >"$work/probe.log" 2>/dev/null &
  prober=$!
}

# The longest time (s) from the last answer before a failed poll to the first answer after it
stop_prober() {
  kill "$prober" 2>/dev/null || true
  wait "$prober" 2>/dev/null || true
  prober=""
  awk '$2 == "ok" { if (down && last) { g = ($1 - last) / 1e9; if (g > max) max = g } down = 0; last = $1 }
       $2 == "fail" { down = 1 }
       END { printf "%.3f\n", max + 0 }' "$work/probe.log"
}

# One round of one tool: fresh, no-change, one-change with the gap; appends "case seconds" lines
round() {
  local tool=$1 apply fresh same change gap
  if [ "$tool" = barge ]; then
    apply=run_barge
    rm -rf "$work/state"
    commit_compose none 1
  else
    apply=run_compose
    write_compose none 1 >"$work/compose/compose.yaml"
  fi
  fresh=$(timed $apply)
  same=$(timed $apply)
  if [ "$tool" = barge ]; then commit_compose s01 2; else write_compose s01 2 >"$work/compose/compose.yaml"; fi
  start_prober
  sleep 0.3
  change=$(timed $apply)
  sleep 0.3
  gap=$(stop_prober)
  if [ "$tool" = barge ]; then remove_containers "$stack"; else remove_containers "$project"; fi
  printf 'fresh %s\nno-change %s\none-change %s\ngap %s\n' "$fresh" "$same" "$change" "$gap" >>"$work/$tool.times"
  echo "  $tool: fresh ${fresh}s, no-change ${same}s, one changed ${change}s, replace gap ${gap}s" >&2
}

echo "bench: $services services, $runs runs of each tool, barge $("$barge" version 2>/dev/null | head -1)," \
  "docker-compose $(docker-compose version --short)" >&2
remove_containers "$stack"
remove_containers "$project"
for i in $(seq 1 "$runs"); do
  echo "run $i of $runs" >&2
  round barge
  round compose
done

median() {
  awk -v k="$1" '$1 == k { print $2 }' "$2" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

printf '\n%-36s %9s %9s %7s\n' "median of $runs (seconds)" barge compose ratio
for c in fresh no-change one-change gap; do
  b=$(median "$c" "$work/barge.times")
  d=$(median "$c" "$work/compose.times")
  case $c in
    fresh) label="fresh apply of $services services" ;;
    no-change) label="apply with nothing to change" ;;
    one-change) label="one service changed" ;;
    gap) label="replace gap of a port-bound service" ;;
  esac
  awk -v l="$label" -v b="$b" -v d="$d" 'BEGIN { r = d > 0 ? sprintf("%.2f", b / d) : "-"; printf "%-36s %9.3f %9.3f %7s\n", l, b, d, r }'
done
echo
echo "The planner alone, in-process (no engine): mvn -B -o -Pbench -DskipTests test -pl agent"
