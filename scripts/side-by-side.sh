#!/usr/bin/env bash
# Side by side (issue 14.5): the same four phases (POST /Users, GET by userName eq, PATCH active, GET a page of
# 10; scripts/LoadTool.java --workload phases) against two or more SCIM servers in alternating rounds
# (A, B, A, B, ...), then the median rate per phase per server and the ratio of the first server to each other.
# Servers are any base URL and token, so the other one can be SAML Jackson (scripts/jackson-start.sh) or
# anything else; each keeps its data between rounds, so every server grows by the same users per round.
#
#   scripts/side-by-side.sh --server bridge "$BRIDGE_SCIM_URL" "$BRIDGE_SCIM_TOKEN" \
#                           --server jackson-pg "$JACKSON_SCIM_URL" "$JACKSON_SCIM_TOKEN" \
#                           [--rounds 3] [--users 2000] [--concurrency 8] [--warmup 200] \
#                           [--pg-ceiling 55482] [--out target/side-by-side] [--report-only]
#
# --pg-ceiling PORT also runs scripts/pg-ceiling.sh (seq and select, 16 clients) on that PostgreSQL after the
# rounds, and gives POST /Users of each server as a share of the insert ceiling.
# Writes every load tool output and a summary.md (the table printed at the end) to --out; --report-only prints
# the table again from what an earlier run left in --out.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
names=() urls=() tokens=()
rounds=3 users=2000 concurrency=8 warmup=200 pg_port="" out=target/side-by-side report_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --server) [ $# -ge 4 ] || { echo "--server needs NAME URL TOKEN" >&2; exit 2; }
              names+=("$2") urls+=("$3") tokens+=("$4"); shift 4 ;;
    --rounds) rounds=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --pg-ceiling) pg_port=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --report-only) report_only=true; shift ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ ${#names[@]} -ge 2 ] || { echo "give at least two --server NAME URL TOKEN" >&2; exit 2; }
mkdir -p "$out"
results="$out/results.txt"
phases="create find patch-active page"
if ! $report_only; then
  : >"$results"

  # Compile the load tool once, instead of once per round.
  classes="$out/classes"
  mkdir -p "$classes"
  javac -d "$classes" "$here/LoadTool.java"

  echo "side by side: ${names[*]}; ${rounds} rounds; ${users} requests a phase, concurrency ${concurrency}, warm-up ${warmup} a phase (first round only)"
  for round in $(seq 1 "$rounds"); do
    for i in "${!names[@]}"; do
      name=${names[$i]}
      w=$([ "$round" = 1 ] && echo "$warmup" || echo 0)
      load=$(cut -d' ' -f1-3 /proc/loadavg)
      log="$out/round${round}-${name}.txt"
      printf 'round %s  %-12s load %s ... ' "$round" "$name" "$load"
      status=0
      java -cp "$classes" LoadTool --url "${urls[$i]}" --token "${tokens[$i]}" --workload phases \
        --users "$users" --concurrency "$concurrency" --warmup "$w" --prefix "sbs${round}" --progress 0 \
        >"$log" 2>&1 || status=$?
      grep '^RESULT stage=' "$log" | grep -v 'stage=warm-up' \
        | sed "s/^RESULT /RESULT round=${round} server=${name} load=${load%% *} /" >>"$results"
      summary=""
      for phase in $phases; do
        rate=$(awk -v p="$phase" '$1=="RESULT" { for (i=2;i<=NF;i++) { split($i,kv,"="); f[kv[1]]=kv[2] }
               if (f["stage"]==p) print f["rate"] }' "$log")
        summary="$summary $phase=${rate:-?}"
      done
      echo "${summary# }$([ $status = 0 ] || echo "  (errors: see $log)")"
    done
  done

  if [ -n "$pg_port" ]; then
    echo "pgbench ceiling on 127.0.0.1:${pg_port} (seq and select, 16 clients)"
    PGPORT="$pg_port" "$here/pg-ceiling.sh" | tee "$out/pg-ceiling.txt"
  fi
fi

ceiling=""
if [ -s "$out/pg-ceiling.txt" ]; then
  tps_of() { awk -v m="mode=$1" '$0 ~ m " clients=16 " { for (i=1;i<=NF;i++) if ($i ~ /^tps=/) { sub("tps=","",$i); printf "%.0f\n", $i } }' "$out/pg-ceiling.txt" | tail -n 1; }
  ceiling=$(tps_of seq)
  selects=$(tps_of select)
fi

# Median rate per phase per server, the ratio of the first server to each other one.
awk -v phases="$phases" -v servers="${names[*]}" -v ceiling="$ceiling" -v selects="${selects:-}" -v rounds="$rounds" '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    if (n == 0) return ""
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  $1 == "RESULT" {
    delete f
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    key = f["server"] SUBSEP f["stage"]
    rates[key] = rates[key] " " f["rate"]
    p50[key] = p50[key] " " f["p50"]
    if (!(f["round"] SUBSEP f["server"] in seen)) { seen[f["round"] SUBSEP f["server"]] = 1
      if (nl++ == 0 || f["load"] + 0 < lo) lo = f["load"] + 0
      if (f["load"] + 0 > hi) hi = f["load"] + 0 }
  }
  END {
    ns = split(servers, s, " "); np = split(phases, p, " ")
    printf "\n| phase |"
    for (i = 1; i <= ns; i++) printf " %s (median req/s, p50 ms) |", s[i]
    for (i = 2; i <= ns; i++) printf " %s / %s |", s[1], s[i]
    printf "\n|---|"; for (i = 1; i < 2 * ns; i++) printf "---|"; printf "\n"
    for (k = 1; k <= np; k++) {
      printf "| %s |", p[k]
      for (i = 1; i <= ns; i++) { m[i] = median(rates[s[i] SUBSEP p[k]]); printf " %s (%s) |", m[i], median(p50[s[i] SUBSEP p[k]]) }
      for (i = 2; i <= ns; i++) printf " %s |", (m[i] > 0 ? sprintf("%.2fx", m[1] / m[i]) : "-")
      printf "\n"
    }
    printf "\nmedian of %d alternating rounds (rates of every round in results.txt); 1-min load average at the start of each run: %.2f to %.2f\n", rounds, lo, hi
    if (ceiling != "") {
      printf "pgbench ceiling of the same PostgreSQL, same run, 16 clients: %s tps of \"insert a ~1 KB resource row plus a feed row\" (seq from a sequence), %s prepared point selects per s\n", ceiling, selects
      for (i = 1; i <= ns; i++) printf "  POST /Users of %s = %.1f%% of it\n", s[i], 100 * median(rates[s[i] SUBSEP "create"]) / ceiling
    }
  }' "$results" | tee "$out/summary.md"
