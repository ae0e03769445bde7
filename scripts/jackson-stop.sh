#!/usr/bin/env bash
# Stop the Jackson that scripts/jackson-start.sh started (same JACKSON_DIR). Does nothing if none runs.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
JACKSON_DIR="${JACKSON_DIR:-${TMPDIR:-/tmp}/scim-bridge-jackson}"
stop_pidfile jackson-stop "$JACKSON_DIR/jackson.pid"
