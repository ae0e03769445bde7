#!/usr/bin/env bash
# Where the time goes (issue 14.1): runs the four phases of scripts/LoadTool.java --workload phases against a
# bridge started here, and records per phase:
#   - a JFR recording of the bridge (settings=profile), split by component with scripts/JfrSplit.java
#   - CPU seconds used by the bridge JVM, by PostgreSQL (all its processes) and by the load tool (/proc)
#   - on PostgreSQL: every statement with its calls per request and time (pg_stat_statements), and the backends'
#     wait events sampled every 100 ms (pg_stat_activity: lock waits, WAL flushes, waiting for the client)
# and at the end, on PostgreSQL, EXPLAIN (ANALYZE, BUFFERS) of the statements of each phase.
#
#   mvn -B -DskipTests package
#   scripts/profile.sh --store pg [--users 2000] [--concurrency 8] [--out target/profile-pg]
#   scripts/profile.sh --store h2 ...
#   scripts/profile.sh --store pg --out DIR --report-only   # writes DIR/report.md again from DIR's files
#
# Settings (environment): PG_PORT (55432) and PGDATA_DIR for the PostgreSQL of scripts/postgres-start.sh (started
# here with PG_DURABLE=1 PG_STAT_STATEMENTS=1: stop a cluster started without them first), BRIDGE_PORT (18080),
# BRIDGE_DIR. The store's tables are emptied first. Writes OUT/report.md and the raw files beside it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/bench-lib.sh"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg() { PGPASSWORD=scim PGOPTIONS="-c client_min_messages=warning" "$bin/psql" -h 127.0.0.1 -p "${PG_PORT:-55432}" -U scim -d scimbridge -Xq "$@"; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU of this cluster only (its postmaster and the processes it forked), not of other clusters on the machine.
pg_ticks() {
  local master t=0 p
  master=$(head -n 1 "${PGDATA_DIR:-${TMPDIR:-/tmp}/scim-bridge-pg}/data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  for p in "$master" $(pgrep -P "$master" || true); do t=$((t + $(ticks "$p"))); done
  echo "$t"
}
# The load tool: the java process above this hook.
tool_pid() {
  local p=$PPID
  while [ "$p" -gt 1 ] && [ "$(ps -o comm= -p "$p")" != java ]; do p=$(ps -o ppid= -p "$p" | tr -d ' '); done
  echo "$p"
}

# --- the stage hook: LoadTool runs `profile.sh --hook start|end STAGE` around every stage --------------------------
if [ "${1:-}" = --hook ]; then
  event=$2 stage=$3
  case "$stage" in warm-up*) exit 0 ;; esac
  out=$PROFILE_OUT pid=$PROFILE_PID
  tool_pid=$(tool_pid)
  if [ "$event" = start ]; then
    echo "$(ticks "$pid") $([ "$PROFILE_STORE" = pg ] && pg_ticks || echo 0) $(ticks "$tool_pid")" >"$out/$stage.cpu"
    if [ "$PROFILE_STORE" = pg ]; then
      pg -c 'SELECT pg_stat_statements_reset()' >/dev/null
      # one connection samples the other backends' state and wait event every 100 ms, until killed
      (exec env PGPASSWORD=scim "$bin/psql" -h 127.0.0.1 -p "${PG_PORT:-55432}" -U scim -d scimbridge -XqAt \
        <<<"SELECT state || '|' || coalesce(wait_event_type || ':' || wait_event, 'running') FROM pg_stat_activity
            WHERE datname = 'scimbridge' AND backend_type = 'client backend' AND pid <> pg_backend_pid() \\watch 0.1" \
        >"$out/$stage.waits" 2>/dev/null) &
      echo $! >"$out/$stage.waits.pid"
    fi
    jcmd "$pid" JFR.start name="$stage" settings=profile filename="$out/$stage.jfr" >/dev/null
  else
    jcmd "$pid" JFR.stop name="$stage" >/dev/null
    read -r j0 p0 t0 <"$out/$stage.cpu"
    pg_now=$([ "$PROFILE_STORE" = pg ] && pg_ticks || echo 0)
    echo "$(( $(ticks "$pid") - j0 )) $(( pg_now - p0 )) $(( $(ticks "$tool_pid") - t0 ))" >"$out/$stage.cpu"
    if [ "$PROFILE_STORE" = pg ]; then
      kill "$(cat "$out/$stage.waits.pid")" 2>/dev/null || true
      pg -At -F '|' -c "SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3),
          shared_blks_hit + shared_blks_read, wal_bytes, regexp_replace(query, '\\s+', ' ', 'g')
          FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'scimbridge')
          AND query NOT LIKE '%pg_stat%' ORDER BY calls DESC, total_exec_time DESC" >"$out/$stage.statements"
    fi
  fi
  exit 0
fi

# --- the run -------------------------------------------------------------------------------------------------------
store=pg users=2000 concurrency=8 out="" report_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --report-only) report_only=true; shift ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
out=$(mkdir -p "${out:-target/profile-$store}" && cd "${out:-target/profile-$store}" && pwd)
if ! $report_only; then
  rm -f "$out"/*.jfr "$out"/*.cpu "$out"/*.waits "$out"/*.statements

  if [ "$store" = pg ]; then
    PG_DURABLE=1 PG_STAT_STATEMENTS=1 "$here/postgres-start.sh" >/dev/null
    empty_database "${PG_PORT:-55432}" scimbridge
    export BRIDGE_STORE="jdbc:postgresql://127.0.0.1:${PG_PORT:-55432}/scimbridge"
  else
    export BRIDGE_STORE=h2
  fi
  export BRIDGE_DIR="${BRIDGE_DIR:-${TMPDIR:-/tmp}/scim-bridge-profile}"
  trap '"$here/bridge-stop.sh"' EXIT
  env_out=$("$here/bridge-start.sh")
  url=$(sed -n 's/^BRIDGE_SCIM_URL=//p' <<<"$env_out")
  token=$(sed -n 's/^BRIDGE_SCIM_TOKEN=//p' <<<"$env_out")
  export PROFILE_OUT="$out" PROFILE_PID="$(cat "$BRIDGE_DIR/bridge.pid")" PROFILE_STORE="$store"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  java "$here/LoadTool.java" --url "$url" --token "$token" --workload phases --users "$users" \
    --concurrency "$concurrency" --warmup 200 --progress 0 --stage-hook "$here/profile.sh --hook" | tee "$out/load.txt"
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
else
  load_before=$(sed -n 's/.*load average before \(.*\), after.*/\1/p' "$out/report.md" 2>/dev/null || true)
  load_after=$(sed -n 's/.*, after \(.*\)$/\1/p' "$out/report.md" 2>/dev/null || true)
fi

# --- the report ----------------------------------------------------------------------------------------------------
report="$out/report.md"
{
  echo "# Profile: four phases on ${store}, ${users} requests a phase, concurrency ${concurrency}"
  echo
  echo "commit $(git -C "$here/.." rev-parse --short HEAD), $(date -u +%FT%TZ), load average before ${load_before}, after ${load_after}"
  for stage in create find patch-active page; do
    count=$(awk -v s="$stage" '$1=="RESULT" && $2=="stage="s { for (i=3;i<=NF;i++) if ($i ~ /^count=/) { sub("count=","",$i); print $i } }' "$out/load.txt")
    count=${count:-1}
    echo
    echo "## ${stage}"
    grep "^RESULT stage=${stage} " "$out/load.txt" || true
    read -r jt pt tt <"$out/$stage.cpu"
    awk -v j="$jt" -v p="$pt" -v t="$tt" -v n="$count" 'BEGIN { hz = 100
      printf "CPU per request: bridge JVM %.2f ms, PostgreSQL %s, load tool %.2f ms\n", 1000*j/hz/n, (p > 0 ? sprintf("%.2f ms", 1000*p/hz/n) : "-"), 1000*t/hz/n }'
    java "$here/JfrSplit.java" "$out/$stage.jfr" | sed 1d
    if [ -s "$out/$stage.statements" ]; then
      echo
      echo "statements per request (pg_stat_statements; calls / ${count} requests):"
      echo
      echo "| per request | mean ms | total ms | buffers | WAL bytes | statement |"
      echo "|---|---|---|---|---|---|"
      awk -F'|' -v n="$count" '{ q = $6; if (length(q) > 160) q = substr(q, 1, 157) "..."
        printf "| %.2f | %s | %s | %s | %s | `%s` |\n", $1 / n, $3, $2, $4, $5, q }' "$out/$stage.statements" | head -n 25
    fi
    if [ -s "$out/$stage.waits" ]; then
      echo
      echo "backend samples (pg_stat_activity every 100 ms; state|wait event, share of the samples of backends in a"
      echo "statement or a transaction; 'idle in transaction|Client:ClientRead' = waiting for the bridge's next statement):"
      grep '|' "$out/$stage.waits" | grep -v '^idle|' | sort | uniq -c | sort -rn \
        | awk '{ n[NR] = $1; sub(/^ *[0-9]+ /, ""); k[NR] = $0; s += n[NR] }
               END { for (i = 1; i <= NR; i++) printf "  %5.1f%%  %s\n", 100 * n[i] / s, k[i] }'
      echo "  (idle connections of the pool: $(grep -c '^idle|' "$out/$stage.waits" || true) samples, not counted)"
    fi
  done
  if [ "$store" = pg ]; then
    user=$(pg -At -c "SELECT user_name FROM scim_resource ORDER BY created DESC LIMIT 1")
    echo
    echo "## Plans (EXPLAIN (ANALYZE, BUFFERS)) on the directory as the run left it"
    for sql in \
      "SELECT id FROM scim_resource WHERE directory_id = 'demo' AND user_name_lc = lower('$user')" \
      "UPDATE scim_feed_head SET last_seq = last_seq + 1 WHERE directory_id = 'demo'" \
      "WITH matched AS (SELECT r.* FROM scim_resource r WHERE r.directory_id = 'demo' AND r.resource_type = 'User' AND r.user_name_lc = lower('$user')) SELECT t.total_results, p.* FROM (SELECT COUNT(*) AS total_results FROM matched) t LEFT JOIN (SELECT r.*, ROW_NUMBER() OVER (ORDER BY r.created, r.id) AS page_row FROM matched r ORDER BY r.created, r.id LIMIT 100 OFFSET 0) p ON 1 = 1 ORDER BY p.page_row" \
      "WITH matched AS (SELECT r.* FROM scim_resource r WHERE r.directory_id = 'demo' AND r.resource_type = 'User') SELECT t.total_results, p.* FROM (SELECT COUNT(*) AS total_results FROM matched) t LEFT JOIN (SELECT r.*, ROW_NUMBER() OVER (ORDER BY r.created, r.id) AS page_row FROM matched r ORDER BY r.created, r.id LIMIT 10 OFFSET 1000) p ON 1 = 1 ORDER BY p.page_row"; do
      echo
      echo '```'
      echo "$sql" | cut -c1-200
      pg -At -c "BEGIN; EXPLAIN (ANALYZE, BUFFERS) $sql; ROLLBACK;" 2>&1 | grep -v -e '^BEGIN' -e '^ROLLBACK'
      echo '```'
    done
  fi
} >"$report" 2>&1
echo
echo "report: $report"
