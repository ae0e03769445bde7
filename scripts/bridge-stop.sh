#!/usr/bin/env bash
# Stop the bridge that scripts/bridge-start.sh started (same BRIDGE_DIR). Does nothing if none runs.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
BRIDGE_DIR="${BRIDGE_DIR:-${TMPDIR:-/tmp}/scim-bridge-bench}"
stop_pidfile bridge-stop "$BRIDGE_DIR/bridge.pid"
