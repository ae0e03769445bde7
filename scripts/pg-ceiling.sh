#!/usr/bin/env bash
# The raw PostgreSQL ceiling, with pgbench, for the benchmarks in docs/benchmarks.md: what the database alone
# commits and answers, so the bridge's figures can be read as a share of it, and what the change feed's
# per-directory head row costs.
#
#   PGPORT=55482 scripts/pg-ceiling.sh                          # seq and select at 16 clients
#   PGPORT=55482 MODES="seq head bridge bridge-seq" CLIENTS="1 8 16" scripts/pg-ceiling.sh   # the feed-head lock
#
# Modes (each a pgbench run of DURATION seconds per client count, on freshly truncated tables):
#   seq         what a SCIM create does, reduced: insert a ~1 KB resource row plus a ~1 KB feed row whose
#               seq comes from a sequence (no shared row)
#   head        the same, with the bridge's feed head: UPDATE the directory's head row (last_seq + 1), SELECT
#               it back, insert the feed row with it; every client in the same directory
#   bridge      the round trips the bridge makes for one POST /Users, in its order: unique check, resource
#               row, the 7 attribute index rows of an Entra user (one multi-row INSERT, as the bridge's JDBC
#               batch is one round trip), head bump, head re-read, feed row, commit
#   bridge-seq  the same without the head row: the feed seq from a sequence
#   select      pgbench's built-in select-only script (-S), prepared statements, scale 10: point selects
# Settings: PGHOST (127.0.0.1), PGPORT (55432), PGUSER (scim), PGPASSWORD (scim), PGDATABASE (pgbench, made by
# PG_EXTRA_DATABASES=pgbench scripts/postgres-start.sh), DURATION (20), CLIENTS ("16"), MODES ("seq select"),
# THREADS (2: the machine's cores), ROUNDS (1: how often the whole set is repeated, modes alternating).
# Prints one line per run: RESULT pgbench round=<r> mode=<m> clients=<c> tps=<n> latency_ms=<avg> load=<1-min load average>
set -euo pipefail

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-55432}" PGUSER="${PGUSER:-scim}"
export PGPASSWORD="${PGPASSWORD:-scim}" PGDATABASE="${PGDATABASE:-pgbench}"
DURATION="${DURATION:-20}"
CLIENTS="${CLIENTS:-16}"
MODES="${MODES:-seq select}"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-1}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pgbench="${bin}/pgbench"
psql="${bin}/psql"
[ -x "$pgbench" ] || { echo "pgbench not found under /usr/lib/postgresql (scripts/postgres-start.sh installs it)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

PGOPTIONS="-c client_min_messages=warning" "$psql" -Xq -v ON_ERROR_STOP=1 <<'SQL'
CREATE TABLE IF NOT EXISTS bench_resource (
  directory_id VARCHAR(64) NOT NULL, id VARCHAR(64) NOT NULL, user_name_lc VARCHAR(512),
  version BIGINT NOT NULL, created TIMESTAMPTZ NOT NULL, attributes TEXT NOT NULL,
  PRIMARY KEY (directory_id, id));
CREATE UNIQUE INDEX IF NOT EXISTS ux_bench_resource_user_name ON bench_resource (directory_id, user_name_lc);
CREATE INDEX IF NOT EXISTS ix_bench_resource_created ON bench_resource (directory_id, created, id);
CREATE TABLE IF NOT EXISTS bench_attribute_value (
  directory_id VARCHAR(64) NOT NULL, resource_id VARCHAR(64) NOT NULL, path VARCHAR(300) NOT NULL,
  elem INTEGER NOT NULL, attr_value VARCHAR(512) NOT NULL, attr_value_lc VARCHAR(512) NOT NULL);
CREATE INDEX IF NOT EXISTS ix_bench_attribute_lookup ON bench_attribute_value (directory_id, path, attr_value_lc);
CREATE INDEX IF NOT EXISTS ix_bench_attribute_resource ON bench_attribute_value (directory_id, resource_id);
CREATE TABLE IF NOT EXISTS bench_feed_head (directory_id VARCHAR(64) PRIMARY KEY, last_seq BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS bench_change (
  directory_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL, resource_id VARCHAR(64) NOT NULL,
  payload TEXT NOT NULL, created TIMESTAMPTZ NOT NULL, PRIMARY KEY (directory_id, seq));
CREATE SEQUENCE IF NOT EXISTS bench_change_seq;
SQL

# Unique names and ids per transaction: the client id and a per-client counter (-D n=0, then n + 1 each time).
user_name="'user-' || :client_id || '-' || :n || '@example.com'"
rid="'r-' || :client_id || '-' || :n"
resource="INSERT INTO bench_resource VALUES ('demo', ${rid}, ${user_name}, 1, now(), repeat('a', 1000));"
feed_seq="INSERT INTO bench_change VALUES ('demo', nextval('bench_change_seq'), ${rid}, repeat('p', 1000), now());"
head_bump="UPDATE bench_feed_head SET last_seq = last_seq + 1 WHERE directory_id = 'demo';
SELECT last_seq FROM bench_feed_head WHERE directory_id = 'demo' \\gset
INSERT INTO bench_change VALUES ('demo', :last_seq, ${rid}, repeat('p', 1000), now());"
prelude="\\set n :n + 1"
# The load tool's Entra-shaped user has 7 indexed values; the bridge sends them as one JDBC batch (one round trip).
attributes="INSERT INTO bench_attribute_value VALUES"
for i in $(seq 1 7); do
  attributes="${attributes}$([ "$i" = 1 ] || echo ,) ('demo', ${rid}, 'path.${i}', 0, 'Value ${i} ' || :n, 'value ${i} ' || :n)"
done
attributes="${attributes};"
unique_check="SELECT id FROM bench_resource WHERE directory_id = 'demo' AND user_name_lc = ${user_name};"

printf '%s\nBEGIN;\n%s\n%s\nEND;\n' "$prelude" "$resource" "$feed_seq" >"$work/seq.sql"
printf '%s\nBEGIN;\n%s\n%s\nEND;\n' "$prelude" "$resource" "$head_bump" >"$work/head.sql"
printf '%s\nBEGIN;\n%s\n%s\n%s\n%s\nEND;\n' "$prelude" "$unique_check" "$resource" "$attributes" "$head_bump" >"$work/bridge.sql"
printf '%s\nBEGIN;\n%s\n%s\n%s\n%s\nEND;\n' "$prelude" "$unique_check" "$resource" "$attributes" "$feed_seq" >"$work/bridge-seq.sql"

reset_tables() {
  "$psql" -Xq -v ON_ERROR_STOP=1 -c "TRUNCATE bench_resource, bench_attribute_value, bench_change, bench_feed_head;
    INSERT INTO bench_feed_head VALUES ('demo', 0); SELECT setval('bench_change_seq', 1); CHECKPOINT;" >/dev/null 2>&1 \
  || "$psql" -Xq -v ON_ERROR_STOP=1 -c "TRUNCATE bench_resource, bench_attribute_value, bench_change, bench_feed_head;
    INSERT INTO bench_feed_head VALUES ('demo', 0); SELECT setval('bench_change_seq', 1);" >/dev/null
}

run() { # mode clients pgbench-args...
  local mode=$1 clients=$2; shift 2
  local threads=$(( clients < THREADS ? clients : THREADS ))
  local out
  out=$("$pgbench" -n -c "$clients" -j "$threads" -T "$DURATION" "$@" 2>&1) || { echo "$out" >&2; return 1; }
  local tps lat
  tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$out" | tail -n 1)
  lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")
  printf 'RESULT pgbench round=%s mode=%s clients=%s tps=%s latency_ms=%s load=%s\n' "$round" "$mode" "$clients" "$tps" "$lat" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}

# Modes alternate within each client count, and ROUNDS repeats the whole, so that other load on the machine
# falls on every mode alike.
for round in $(seq 1 "$ROUNDS"); do
 for clients in $CLIENTS; do
  for mode in $MODES; do
    case "$mode" in
      select)
        if ! "$psql" -Xqtc "SELECT 1 FROM pgbench_accounts LIMIT 1" >/dev/null 2>&1; then
          "$pgbench" -i -q -s 10 >/dev/null 2>&1
        fi
        run select "$clients" -S -M prepared ;;
      seq|head|bridge|bridge-seq)
        reset_tables
        run "$mode" "$clients" -M prepared -D n=0 -f "$work/${mode}.sql" ;;
      *) echo "unknown mode: $mode" >&2; exit 2 ;;
    esac
  done
 done
done
