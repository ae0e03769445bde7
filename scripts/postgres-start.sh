#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the PostgreSQL tests (and for trying the bridge on PostgreSQL by hand).
#
#   scripts/postgres-start.sh          # install if needed, init once, start, create role + database
#   scripts/postgres-stop.sh           # stop it (add --clean to delete the cluster too)
#
# Settings (environment):
#   PG_PORT      TCP port on 127.0.0.1                      (default 55432)
#   PGDATA_DIR   folder that holds everything of this cluster (default ${TMPDIR:-/tmp}/scim-bridge-pg):
#                  data/  the cluster, run/  its Unix socket, postgres.log  its log
#   PG_MAJOR     PostgreSQL major version to use             (default: the newest one installed)
#   PG_DURABLE   1: start at PostgreSQL's default durability (fsync, synchronous_commit and
#                full_page_writes on), for benchmarks; default 0: the fast test settings below
#   PG_STAT_STATEMENTS  1: load pg_stat_statements (and create the extension in the database), for
#                counting statements per request in a profile; default 0
#   PG_EXTRA_DATABASES  more databases owned by the same role, space-separated (e.g. "jackson" for the
#                side-by-side benchmark's other server)
#
# It creates role scim (password scim) and database scimbridge owned by it, and prints:
#   SCIM_BRIDGE_TEST_PG_URL=jdbc:postgresql://127.0.0.1:55432/scimbridge  (and _USER, _PASSWORD)
#
# Idempotent: a second run finds the cluster running and only makes sure the role and database exist.
# If some other server already answers on PG_PORT, it is reused as long as scim/scim can log in to scimbridge.
# The cluster is for tests only: fsync is off (unless PG_DURABLE=1), and nothing listens beyond 127.0.0.1.
# PG_DURABLE and PG_STAT_STATEMENTS are server start options: to change them, stop the cluster first.
set -euo pipefail

PG_PORT="${PG_PORT:-55432}"
PGDATA_DIR="${PGDATA_DIR:-${TMPDIR:-/tmp}/scim-bridge-pg}"
DB_NAME=scimbridge
DB_USER=scim
DB_PASSWORD=scim
PG_DURABLE="${PG_DURABLE:-0}"
PG_STAT_STATEMENTS="${PG_STAT_STATEMENTS:-0}"
PG_EXTRA_DATABASES="${PG_EXTRA_DATABASES:-}"

log() { printf '[postgres-start] %s\n' "$*" >&2; }
die() { printf '[postgres-start] ERROR: %s\n' "$*" >&2; exit 1; }

# --- 1. PostgreSQL binaries: install from Debian if absent ------------------------------------------------
find_bindir() {
  local candidates
  if [ -n "${PG_MAJOR:-}" ]; then
    candidates=$(ls -d "/usr/lib/postgresql/${PG_MAJOR}/bin" 2>/dev/null || true)
  else
    candidates=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V || true)
  fi
  local dir found=""
  for dir in $candidates; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && found="$dir"
  done
  printf '%s' "$found"
}

BINDIR=$(find_bindir)
if [ -z "$BINDIR" ]; then
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)."
  log "PostgreSQL server not found under /usr/lib/postgresql; installing it from Debian"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
  BINDIR=$(find_bindir)
  [ -n "$BINDIR" ] || die "apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb was found"
fi
PG_VERSION_INSTALLED=$(basename "$(dirname "$BINDIR")")
log "using PostgreSQL ${PG_VERSION_INSTALLED} from ${BINDIR}"

# --- 2. Who runs the server: initdb and postgres refuse to run as root ---------------------------------------
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "user 'postgres' does not exist (it comes with Debian's postgresql-common)"
  as_pg() { runuser -u postgres -- "$@"; }
  PG_OWNER=postgres
else
  as_pg() { "$@"; }
  PG_OWNER=$(id -un)
fi

DATA="$PGDATA_DIR/data"
RUN="$PGDATA_DIR/run"
LOGFILE="$PGDATA_DIR/postgres.log"

print_settings() {
  echo "SCIM_BRIDGE_TEST_PG_URL=jdbc:postgresql://127.0.0.1:${PG_PORT}/${DB_NAME}"
  echo "SCIM_BRIDGE_TEST_PG_USER=${DB_USER}"
  echo "SCIM_BRIDGE_TEST_PG_PASSWORD=${DB_PASSWORD}"
}

port_answers() { "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; }
our_server_runs() { [ -f "$DATA/postmaster.pid" ] && as_pg "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

# --- 3. Someone else's server on the port: reuse it if our credentials work ------------------------------------
if port_answers && ! our_server_runs; then
  log "a PostgreSQL server not started from ${DATA} already answers on 127.0.0.1:${PG_PORT}; reusing it"
  if PGPASSWORD="$DB_PASSWORD" "$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" \
       -Atqc 'select 1' >/dev/null 2>&1; then
    print_settings
    exit 0
  fi
  die "the server on 127.0.0.1:${PG_PORT} does not let ${DB_USER}/${DB_PASSWORD} into ${DB_NAME}; stop it or choose another PG_PORT"
fi

# --- 4. The cluster: create it once -----------------------------------------------------------------------------
mkdir -p "$PGDATA_DIR"
# The server runs as $PG_OWNER, so it must be able to reach the folder (not the case under /root, say).
as_pg test -w "$PGDATA_DIR" 2>/dev/null || chown "$PG_OWNER" "$PGDATA_DIR" 2>/dev/null || true
as_pg test -w "$PGDATA_DIR" || die "${PG_OWNER} cannot write ${PGDATA_DIR}: set PGDATA_DIR (or TMPDIR) to a folder it can reach"

if [ -f "$DATA/PG_VERSION" ] && [ "$(cat "$DATA/PG_VERSION")" != "$PG_VERSION_INSTALLED" ]; then
  log "cluster in ${DATA} is PostgreSQL $(cat "$DATA/PG_VERSION"), not ${PG_VERSION_INSTALLED}; it is throwaway, recreating it"
  as_pg "$BINDIR/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DATA"
fi
if [ ! -f "$DATA/PG_VERSION" ] || [ ! -f "$DATA/postgresql.conf" ]; then
  rm -rf "$DATA"   # a half-made cluster from an interrupted run
  log "creating cluster in ${DATA}"
  install -d -m 0700 -o "$PG_OWNER" "$DATA"
  as_pg "$BINDIR/initdb" -D "$DATA" -U postgres --encoding=UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$PGDATA_DIR/initdb.log" 2>&1 \
    || { cat "$PGDATA_DIR/initdb.log" >&2; die "initdb failed"; }
  cat >>"$DATA/postgresql.conf" <<CONF

# --- scim-bridge test cluster (scripts/postgres-start.sh) ---
# Port and socket folder are given on the pg_ctl command line, so PG_PORT may change between runs.
listen_addresses = '127.0.0.1'
# Durability is not wanted in a throwaway test cluster; speed is.
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
shared_buffers = 128MB
CONF
fi
install -d -m 0700 -o "$PG_OWNER" "$RUN"

# --- 5. Start it --------------------------------------------------------------------------------------------------
# A server of ours that is still starting up or shutting down answers neither way for a moment.
for _ in 1 2 3 4 5 6 7 8 9 10; do
  if ! our_server_runs || port_answers; then break; fi
  sleep 1
done
if our_server_runs; then
  log "cluster in ${DATA} is already running; reusing it"
  port_answers || die "the cluster in ${DATA} runs but not on 127.0.0.1:${PG_PORT} (started with another PG_PORT?); run scripts/postgres-stop.sh first"
else
  log "starting on 127.0.0.1:${PG_PORT} (log: ${LOGFILE})"
  touch "$LOGFILE" && chown "$PG_OWNER" "$LOGFILE"
  server_options="-p ${PG_PORT} -k ${RUN}"
  if [ "$PG_DURABLE" = 1 ]; then
    # Command-line settings win over postgresql.conf: PostgreSQL's own defaults, as a production server has.
    server_options="$server_options -c fsync=on -c synchronous_commit=on -c full_page_writes=on"
  fi
  if [ "$PG_STAT_STATEMENTS" = 1 ]; then
    server_options="$server_options -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
  fi
  as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 60 \
    -o "$server_options" start >/dev/null \
    || { tail -n 30 "$LOGFILE" >&2; die "pg_ctl start failed"; }
fi

# --- 6. Role and database, created once ---------------------------------------------------------------------------
as_pg "$BINDIR/psql" -h "$RUN" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Xq <<SQL
SELECT format('CREATE ROLE %I LOGIN', '${DB_USER}')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${DB_USER}') \gexec
ALTER ROLE ${DB_USER} WITH LOGIN PASSWORD '${DB_PASSWORD}';
SELECT format('CREATE DATABASE %I OWNER %I', '${DB_NAME}', '${DB_USER}')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}') \gexec
SQL
for extra in $PG_EXTRA_DATABASES; do
  as_pg "$BINDIR/psql" -h "$RUN" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Xq <<SQL
SELECT format('CREATE DATABASE %I OWNER %I', '${extra}', '${DB_USER}')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '${extra}') \gexec
SQL
done

# A reused cluster keeps the options it was started with: say so rather than measure the wrong thing.
want_fsync=$([ "$PG_DURABLE" = 1 ] && echo on || echo off)
have_fsync=$(as_pg "$BINDIR/psql" -h "$RUN" -p "$PG_PORT" -U postgres -d postgres -Atqc 'SHOW fsync')
[ "$have_fsync" = "$want_fsync" ] || die "the running cluster has fsync=${have_fsync} but PG_DURABLE=${PG_DURABLE} wants ${want_fsync}; run scripts/postgres-stop.sh first"
if [ "$PG_STAT_STATEMENTS" = 1 ]; then
  as_pg env PGOPTIONS="-c client_min_messages=warning" "$BINDIR/psql" -h "$RUN" -p "$PG_PORT" -U postgres \
    -d "$DB_NAME" -v ON_ERROR_STOP=1 -Xqc 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' \
    || die "pg_stat_statements is not loaded in the running cluster; run scripts/postgres-stop.sh first"
  # the role may read and reset the counters without being a superuser
  as_pg env PGOPTIONS="-c client_min_messages=warning" "$BINDIR/psql" -h "$RUN" -p "$PG_PORT" -U postgres \
    -d "$DB_NAME" -v ON_ERROR_STOP=1 -Xqc "GRANT pg_read_all_stats TO ${DB_USER}; GRANT EXECUTE ON FUNCTION pg_stat_statements_reset(oid, oid, bigint) TO ${DB_USER}"
fi

# Prove the settings we print work, over TCP with the password, as the tests will use them.
PGPASSWORD="$DB_PASSWORD" "$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" -Atqc 'select 1' >/dev/null \
  || die "cannot log in as ${DB_USER} to ${DB_NAME} on 127.0.0.1:${PG_PORT}"
log "ready: PostgreSQL ${PG_VERSION_INSTALLED} on 127.0.0.1:${PG_PORT}, database ${DB_NAME}, user ${DB_USER}, fsync=${have_fsync}"
print_settings
