#!/usr/bin/env bash
# Stops the slapd that scripts/slapd-start.sh started (by the pid it wrote) and removes its data.
# KEEP_DATA=1 keeps the data, and the next scripts/slapd-start.sh starts on it (the outage test does that).
set -euo pipefail

DIR="${SLAPD_DIR:-/tmp/scim-bridge-slapd}"
if [ -f "$DIR/slapd.pid" ]; then
  pid="$(cat "$DIR/slapd.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
fi
if [ "${KEEP_DATA:-0}" != "1" ]; then
  rm -rf "$DIR"
fi
echo "slapd-stop: stopped" >&2
