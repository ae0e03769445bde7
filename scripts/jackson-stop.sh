#!/usr/bin/env bash
# Stop the Jackson that scripts/jackson-start.sh started (same JACKSON_DIR). Does nothing if none runs.
set -euo pipefail
JACKSON_DIR="${JACKSON_DIR:-${TMPDIR:-/tmp}/scim-bridge-jackson}"
pidfile="$JACKSON_DIR/jackson.pid"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  printf '[jackson-stop] stopped pid %s\n' "$pid" >&2
else
  printf '[jackson-stop] no running Jackson in %s\n' "$JACKSON_DIR" >&2
fi
rm -f "$pidfile"
