#!/usr/bin/env bash
# The whole side-by-side comparison of issue 14, in one command: PostgreSQL at default durability (fsync on), the
# bridge on it with no sink, SAML Jackson 26.2 on the same PostgreSQL and Jackson's in-memory engine, the four
# phases in alternating rounds (scripts/side-by-side.sh), and the pgbench ceiling of the same run. Every server is
# started on an emptied store and stopped at the end (the PostgreSQL cluster is left running; postgres-stop.sh).
#
#   mvn -B -DskipTests package && scripts/bench-vs-jackson.sh [side-by-side options, e.g. --rounds 3 --users 2000]
#
# Settings (environment): PG_PORT (55432), PGDATA_DIR, BRIDGE_PORT (18080), JACKSON_PORT (15225),
# JACKSON_MEM_PORT (15226), JACKSON_CACHE, BENCH_DIR (${TMPDIR:-/tmp}/scim-bridge-bench-vs-jackson).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/bench-lib.sh"
export PG_PORT="${PG_PORT:-55432}"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/scim-bridge-bench-vs-jackson}"
mkdir -p "$BENCH_DIR"

PG_DURABLE=1 PG_EXTRA_DATABASES="jackson pgbench" "$here/postgres-start.sh" >/dev/null

empty_database "$PG_PORT" scimbridge
empty_database "$PG_PORT" jackson

stop_all() {
  BRIDGE_DIR="$BENCH_DIR/bridge" "$here/bridge-stop.sh" || true
  JACKSON_DIR="$BENCH_DIR/jackson-pg" "$here/jackson-stop.sh" || true
  JACKSON_DIR="$BENCH_DIR/jackson-mem" "$here/jackson-stop.sh" || true
}
trap stop_all EXIT

value() { sed -n "s/^$1=//p" <<<"$2"; }
bridge=$(BRIDGE_DIR="$BENCH_DIR/bridge" BRIDGE_STORE="jdbc:postgresql://127.0.0.1:${PG_PORT}/scimbridge" "$here/bridge-start.sh")
jackson_pg=$(JACKSON_DIR="$BENCH_DIR/jackson-pg" JACKSON_DB_URL="postgres://scim:scim@127.0.0.1:${PG_PORT}/jackson" \
  "$here/jackson-start.sh")
jackson_mem=$(JACKSON_DIR="$BENCH_DIR/jackson-mem" JACKSON_PORT="${JACKSON_MEM_PORT:-15226}" JACKSON_DB_URL=memory \
  "$here/jackson-start.sh")

"$here/side-by-side.sh" \
  --server bridge "$(value BRIDGE_SCIM_URL "$bridge")" "$(value BRIDGE_SCIM_TOKEN "$bridge")" \
  --server jackson-pg "$(value JACKSON_SCIM_URL "$jackson_pg")" "$(value JACKSON_SCIM_TOKEN "$jackson_pg")" \
  --server jackson-mem "$(value JACKSON_SCIM_URL "$jackson_mem")" "$(value JACKSON_SCIM_TOKEN "$jackson_mem")" \
  --pg-ceiling "$PG_PORT" "$@"
