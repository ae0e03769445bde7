#!/usr/bin/env bash
# Start BoxyHQ SAML Jackson 26.2's directory sync as a SCIM 2.0 server, the "other server" of the side-by-side
# benchmark (scripts/side-by-side.sh, docs/benchmarks.md). Not used by the tests.
#
#   scripts/jackson-start.sh                                   # in-memory engine
#   JACKSON_DB_URL=postgres://scim:scim@127.0.0.1:55482/jackson scripts/jackson-start.sh   # on PostgreSQL
#   scripts/jackson-stop.sh
#
# Settings (environment):
#   JACKSON_PORT     port on 127.0.0.1                                (default 15225)
#   JACKSON_DB_URL   "memory" or a postgres:// URL of an existing database; Jackson creates its tables
#                    (PG_EXTRA_DATABASES=jackson scripts/postgres-start.sh makes one)  (default memory)
#   JACKSON_EVENTS   none (default) or internal, see scripts/jackson/server.mjs
#   JACKSON_CACHE    where the npm package is installed, outside the repository
#                    (default ${XDG_CACHE_HOME:-~/.cache}/scim-bridge/jackson-26.2.0)
#   JACKSON_DIR      pid file and log of the running server          (default ${TMPDIR:-/tmp}/scim-bridge-jackson)
#
# Prints, once the server answers:
#   JACKSON_SCIM_URL=http://127.0.0.1:15225/api/scim/v2.0/<directoryId>
#   JACKSON_SCIM_TOKEN=<bearer token>
# Each start creates a new directory, so every run starts empty (on PostgreSQL the old rows stay).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JACKSON_PORT="${JACKSON_PORT:-15225}"
JACKSON_DB_URL="${JACKSON_DB_URL:-memory}"
JACKSON_CACHE="${JACKSON_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scim-bridge/jackson-26.2.0}"
JACKSON_DIR="${JACKSON_DIR:-${TMPDIR:-/tmp}/scim-bridge-jackson}"
want_version=$(sed -n 's/.*"@boxyhq\/saml-jackson": *"\([^"]*\)".*/\1/p' "$here/jackson/package.json")

log() { printf '[jackson-start] %s\n' "$*" >&2; }
die() { printf '[jackson-start] ERROR: %s\n' "$*" >&2; exit 1; }

command -v node >/dev/null || die "node is not installed (Node 18 or later: apt-get install nodejs npm)"
command -v npm >/dev/null || die "npm is not installed (apt-get install npm)"

# --- 1. Install the pinned package once into the cache ----------------------------------------------------------
mkdir -p "$JACKSON_CACHE" "$JACKSON_DIR"
installed=$(node -p "require('$JACKSON_CACHE/node_modules/@boxyhq/saml-jackson/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$want_version" ]; then
  log "installing @boxyhq/saml-jackson ${want_version} into ${JACKSON_CACHE}"
  cp "$here/jackson/package.json" "$JACKSON_CACHE/package.json"
  # --ignore-scripts: no native builds; the drivers that need one (better-sqlite3, ...) are never loaded here.
  (cd "$JACKSON_CACHE" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >"$JACKSON_DIR/npm.log" 2>&1) \
    || { tail -n 30 "$JACKSON_DIR/npm.log" >&2; die "npm install failed"; }
fi
cp "$here/jackson/server.mjs" "$JACKSON_CACHE/server.mjs"

# --- 2. Start it ---------------------------------------------------------------------------------------------------
pidfile="$JACKSON_DIR/jackson.pid"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  die "a Jackson started from ${JACKSON_DIR} is already running (pid $(cat "$pidfile")); run scripts/jackson-stop.sh first"
fi
out="$JACKSON_DIR/jackson.out"
: >"$out"
(cd "$JACKSON_CACHE" && JACKSON_PORT="$JACKSON_PORT" JACKSON_DB_URL="$JACKSON_DB_URL" \
  JACKSON_EVENTS="${JACKSON_EVENTS:-none}" DO_NOT_TRACK=1 \
  exec node server.mjs >"$out" 2>"$JACKSON_DIR/jackson.log") &
echo $! >"$pidfile"
for _ in $(seq 1 120); do
  if grep -q '^JACKSON_SCIM_TOKEN=' "$out"; then
    log "ready on 127.0.0.1:${JACKSON_PORT} (engine: ${JACKSON_DB_URL%%:*}; log ${JACKSON_DIR}/jackson.log)"
    cat "$out"
    exit 0
  fi
  kill -0 "$(cat "$pidfile")" 2>/dev/null || { tail -n 30 "$JACKSON_DIR/jackson.log" >&2; die "Jackson exited during start"; }
  sleep 0.5
done
die "Jackson did not answer within 60 s (log: ${JACKSON_DIR}/jackson.log)"
