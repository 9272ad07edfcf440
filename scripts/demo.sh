#!/usr/bin/env bash
# The README's first command: deploys the bundled example (examples/config-repo, as committed in this
# checkout) to the local Docker engine with barge, then prints where its services answer.
# On a fresh Debian machine (as root) it first installs and starts a Docker engine and imports the
# local busybox image the example runs, the same way the test harness does, and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/engine.sh

if ! engine_answers; then
  log "no Docker engine answers: installing and starting one, as scripts/test.sh does"
fi
prepare_machine
import_test_images

./barge apply --config examples/agent.yaml --auto-approve "$@"

echo
echo "The example's services (node demo-1: client=mars, environment=staging):"
echo "  shop web     http://127.0.0.1:18081/"
echo "  shop api     http://127.0.0.1:18082/"
echo "  status page  http://127.0.0.1:18083/"
echo "Try: ./barge status --config examples/agent.yaml   ./barge plan --config examples/agent.yaml"
echo "     ./barge history --config examples/agent.yaml  ./barge logs --config examples/agent.yaml shop/web"
echo "The node's state (applied commit, history, git cache) is in .barge-state/ in this checkout, ignored by git."
