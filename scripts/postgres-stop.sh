#!/usr/bin/env bash
# Stop the throwaway PostgreSQL that scripts/postgres-start.sh started.
#
#   scripts/postgres-stop.sh           # stop it; the cluster stays for the next start
#   scripts/postgres-stop.sh --clean   # stop it and delete ${PGDATA_DIR}
#
# Same settings as postgres-start.sh (PGDATA_DIR, PG_MAJOR). Only ever stops the cluster in
# ${PGDATA_DIR}/data, never another server on the same port. Does nothing if it is not running.
set -euo pipefail

PGDATA_DIR="${PGDATA_DIR:-${TMPDIR:-/tmp}/scim-bridge-pg}"
DATA="$PGDATA_DIR/data"
clean=false
case "${1:-}" in
  "") ;;
  --clean) clean=true ;;
  *) echo "usage: $0 [--clean]" >&2; exit 2 ;;
esac

log() { printf '[postgres-stop] %s\n' "$*" >&2; }

if [ -f "$DATA/postmaster.pid" ]; then
  # Use pg_ctl of the cluster's own major version.
  major=$(cat "$DATA/PG_VERSION" 2>/dev/null || echo "${PG_MAJOR:-}")
  pg_ctl="/usr/lib/postgresql/${major}/bin/pg_ctl"
  [ -x "$pg_ctl" ] || pg_ctl=$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)
  if [ "$(id -u)" -eq 0 ]; then as_pg() { runuser -u postgres -- "$@"; }; else as_pg() { "$@"; }; fi
  if as_pg "$pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    log "stopping the cluster in ${DATA}"
    as_pg "$pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
  else
    log "cluster in ${DATA} is not running (stale postmaster.pid)"
  fi
else
  log "no running cluster in ${DATA}"
fi

if $clean; then
  log "deleting ${PGDATA_DIR}"
  rm -rf "$PGDATA_DIR"
fi
