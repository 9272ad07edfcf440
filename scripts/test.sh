#!/usr/bin/env bash
# The README's test command and what .ci/run calls: prepares a fresh Debian machine (as root) for
# barge's tests, then runs `mvn -B verify` (unit tests under surefire, *IT classes under failsafe).
# Idempotent and quick when everything is already present; fails loudly, never skips, when the
# Docker engine cannot be had. Extra arguments go to Maven (e.g. -Dit.test=DockerHarnessIT).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/engine.sh

prepare_machine
prepare_test_tools
import_test_images

export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
echo "==> mvn -B verify $*"
exec mvn -B verify "$@"
