#!/usr/bin/env bash
# Two builds of the bridge on one PostgreSQL, in alternating rounds (before, after, before, after, ...), through
# the side-by-side phases (scripts/LoadTool.java --workload phases: POST /Users, GET userName eq, PATCH active,
# GET a page of 10), with the statements each phase sent (pg_stat_statements, reset at the start of each phase).
# One bridge runs at a time (a fresh JVM each round, on the same two ports); each build keeps its own database
# between rounds, so both grow alike.
#
#   mvn -B -DskipTests package && cp target/scim-bridge-*.jar /tmp/before.jar     # on the old commit
#   git archive <old commit> routes | tar -x -C /tmp/before                      # its routes
#   PG_PORT=55503 PGDATA_DIR=/tmp/x-pg PG_DURABLE=1 PG_STAT_STATEMENTS=1 \
#     PG_EXTRA_DATABASES="pgbench bench_before bench_after" scripts/postgres-start.sh
#   mvn -B -DskipTests package                                                   # on the new commit
#   PG_PORT=55503 BRIDGE_PORT=18083 BEFORE_JAR=/tmp/before.jar BEFORE_ROUTES=/tmp/before/routes \
#     scripts/before-after.sh --rounds 3 --users 1000 --concurrency 8 --warmup 200 --out /tmp/before-after
#
# Settings: PG_PORT (55432), BRIDGE_PORT (18080; the actuator on BRIDGE_PORT + 1000), BEFORE_JAR (required),
# BEFORE_ROUTES (this repository's routes/), AFTER_JAR (target/scim-bridge-*.jar), AFTER_ROUTES (routes/).
# Prints RESULT lines per round and a median table; writes every output to --out.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3 users=1000 concurrency=8 warmup=200 out=target/before-after
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
: "${BEFORE_JAR:?BEFORE_JAR: the jar of the build to compare against}"
PG_PORT="${PG_PORT:-55432}"
export BRIDGE_PORT="${BRIDGE_PORT:-18080}"
AFTER_JAR="${AFTER_JAR:-$(ls "$repo"/target/scim-bridge-*.jar | grep -v -e '-plain' -e sources | head -n 1)}"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg() { PGPASSWORD=scim "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U scim -Xq -v ON_ERROR_STOP=1 "$@"; }
mkdir -p "$out"

# Both databases start empty (they are made by PG_EXTRA_DATABASES="bench_before bench_after" at the cluster's start).
for side in before after; do
  pg -d "bench_${side}" -c "DROP SCHEMA public CASCADE" -c "CREATE SCHEMA public"
done

# The stage hook: reset the statement statistics at the start of a phase, keep them at its end (read through the
# scimbridge database, where scripts/postgres-start.sh with PG_STAT_STATEMENTS=1 made the extension).
hook="$out/hook.sh"
cat >"$hook" <<HOOK
#!/usr/bin/env bash
db=\$(cat "$out/current-db") tag=\$(cat "$out/current-tag")
case "\$1" in
  start) PGPASSWORD=scim "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U scim -d scimbridge -Xqtc "SELECT pg_stat_statements_reset()" >/dev/null ;;
  end) PGPASSWORD=scim "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U scim -d scimbridge -XAtF '|' -c "SELECT s.calls, round(s.total_exec_time::numeric, 1), left(regexp_replace(s.query, '\\s+', ' ', 'g'), 160) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '\$db' ORDER BY s.calls DESC" >"$out/\$tag-\$2.statements"
       echo "\$2 \$(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/\$tag.load" ;;
esac
HOOK
chmod +x "$hook"

for round in $(seq 1 "$rounds"); do
  for side in before after; do
    if [ "$side" = before ]; then jar=$BEFORE_JAR routes=${BEFORE_ROUTES:-$repo/routes}
    else jar=$AFTER_JAR routes=${AFTER_ROUTES:-$repo/routes}; fi
    tag="${side}-r${round}"
    echo "bench_${side}" >"$out/current-db"; echo "$tag" >"$out/current-tag"
    env_out=$(BRIDGE_JAR="$jar" BRIDGE_ROUTES="$routes" BRIDGE_DIR="$out/bridge-$side" \
      BRIDGE_STORE="jdbc:postgresql://127.0.0.1:${PG_PORT}/bench_${side}" "$repo/scripts/bridge-start.sh")
    eval "$env_out"
    w=$([ "$round" = 1 ] && echo "$warmup" || echo 0)
    java "$repo/scripts/LoadTool.java" --url "$BRIDGE_SCIM_URL" --token "$BRIDGE_SCIM_TOKEN" --workload phases \
      --users "$users" --concurrency "$concurrency" --warmup "$w" --prefix "$tag" --progress 0 \
      --stage-hook "$hook" >"$out/$tag.txt" 2>&1 || echo "warning: $tag had failed requests" >&2
    BRIDGE_DIR="$out/bridge-$side" "$repo/scripts/bridge-stop.sh" >/dev/null 2>&1 || true
    grep '^RESULT' "$out/$tag.txt" | sed "s/^RESULT /RESULT side=$side round=$round /"
  done
done | tee "$out/results.txt"

echo
echo "| phase | before req/s (p50 ms) | after req/s (p50 ms) | after / before | statements per request before / after |"
echo "|---|---|---|---|---|"
for stage in create find patch-active page; do
  line=""
  for side in before after; do
    rates=$(grep "side=$side " "$out/results.txt" | grep "stage=$stage " | sed 's/.* rate=\([0-9.]*\).*/\1/' | sort -g)
    p50s=$(grep "side=$side " "$out/results.txt" | grep "stage=$stage " | sed 's/.* p50=\([0-9.]*\).*/\1/' | sort -g)
    n=$(echo "$rates" | wc -l)
    med=$(echo "$rates" | sed -n "$(( (n + 1) / 2 ))p")
    p50=$(echo "$p50s" | sed -n "$(( (n + 1) / 2 ))p")
    stmts=$(awk -F'|' '{ c += $1 } END { printf "%.1f", c / '"$users"' }' "$out/${side}-r${rounds}-${stage}.statements" 2>/dev/null || echo "?")
    eval "${side}_rate=$med ${side}_p50=$p50 ${side}_stmts=$stmts"
  done
  ratio=$(echo "scale=2; $after_rate / $before_rate" | bc)
  echo "| $stage | $before_rate ($before_p50) | $after_rate ($after_p50) | ${ratio}x | $before_stmts / $after_stmts |"
done | tee "$out/summary.md"
