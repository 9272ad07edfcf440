#!/usr/bin/env bash
# Measures how many real-world compose files barge accepts as they are.
#
# usage: bench/real-world-compose.sh DIR [--env-example]
#   DIR holds one directory per case: DIR/<case>/compose.yaml plus whatever files it names (a `.env`, an
#   nginx.conf, ...). Each case is copied into a throw-away config repo (one deployment, one stack `rw`
#   pointing at the copy, so relative paths resolve as they would beside the compose file) and run
#   through `barge validate` and `barge render` (no agent config: the host's policy plays no part).
#   --env-example  first copies the case's `.env.example` to `.env` when it has no `.env`: the variables
#                  the project documents, as a user following its install guide would set them.
# env: BARGE=path of the barge launcher (default: ./barge of this checkout, which builds the jar)
#
# Prints one line per case (case, build, validate, render, first problem) and a summary. A case "needs
# build" when a service has `build:` and no `image:`; a service with both is counted with the others
# (Compose pulls the image when it is there). Accepted = validate and render both exit 0.
# The files under DIR are not part of this repository; keep third-party files out of git.
set -euo pipefail

dir=${1:?usage: $0 DIR [--env-example]}
mode=${2:-}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
barge=${BARGE:-$here/barge}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# needs-build | build+image | plain, from the services' keys
build_class() {
  python3 - "$1" <<'EOF'
import sys, yaml
try:
    doc = yaml.safe_load(open(sys.argv[1])) or {}
except Exception:
    print("unparsable"); sys.exit()
services = doc.get("services") or {}
kinds = set()
for s in services.values():
    if isinstance(s, dict) and "build" in s:
        kinds.add("build+image" if "image" in s else "needs-build")
print("needs-build" if "needs-build" in kinds else "build+image" if kinds else "plain")
EOF
}

first_problem() {
  grep -v '^warning:' "$1" | grep -m1 -E '[a-z]' | cut -c1-220 || true
}

total=0; accepted=0; nobuild=0; nobuild_ok=0
printf '%-28s %-12s %-9s %-7s %s\n' case build validate render first-problem
for case_dir in "$dir"/*/; do
  name=$(basename "$case_dir")
  [ -f "$case_dir/compose.yaml" ] || continue
  repo="$work/$name"
  mkdir -p "$repo/deployments" "$repo/stacks"
  cp -a "$case_dir" "$repo/stacks/rw"
  if [ "$mode" = --env-example ] && [ -f "$repo/stacks/rw/.env.example" ] && [ ! -f "$repo/stacks/rw/.env" ]; then
    cp "$repo/stacks/rw/.env.example" "$repo/stacks/rw/.env"
  fi
  printf 'deployment: rw\nmatch: {role: rw}\nstacks:\n  - name: rw\n    compose: stacks/rw/compose.yaml\n' \
    >"$repo/deployments/rw.yaml"
  class=$(build_class "$case_dir/compose.yaml")
  v=0; "$barge" validate "$repo" >"$work/$name.validate" 2>&1 || v=$?
  r=0; "$barge" render --repo "$repo" --labels role=rw --node rw-node >"$work/$name.render" 2>&1 || r=$?
  problem=""
  if [ "$v" != 0 ]; then problem=$(first_problem "$work/$name.validate");
  elif [ "$r" != 0 ]; then problem=$(first_problem "$work/$name.render"); fi
  printf '%-28s %-12s %-9s %-7s %s\n' "$name" "$class" "$v" "$r" "$problem"
  total=$((total + 1))
  ok=0; if [ "$v" = 0 ] && [ "$r" = 0 ]; then ok=1; accepted=$((accepted + 1)); fi
  if [ "$class" != needs-build ]; then nobuild=$((nobuild + 1)); nobuild_ok=$((nobuild_ok + ok)); fi
done
echo "files: $total; accepted: $accepted; without build: $nobuild, of which accepted: $nobuild_ok"
