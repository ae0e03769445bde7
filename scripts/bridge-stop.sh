#!/usr/bin/env bash
# Stop the bridge that scripts/bridge-start.sh started (same BRIDGE_DIR). Does nothing if none runs.
set -euo pipefail
BRIDGE_DIR="${BRIDGE_DIR:-${TMPDIR:-/tmp}/scim-bridge-bench}"
pidfile="$BRIDGE_DIR/bridge.pid"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  pid=$(cat "$pidfile")
  kill "$pid"   # SIGTERM: Spring shuts down cleanly (and a JFR recording is dumped)
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  printf '[bridge-stop] stopped pid %s\n' "$pid" >&2
else
  printf '[bridge-stop] no running bridge in %s\n' "$BRIDGE_DIR" >&2
fi
rm -f "$pidfile"
