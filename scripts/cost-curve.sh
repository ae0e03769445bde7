#!/usr/bin/env bash
# Cost curves (issue 14.4): grows one directory of a freshly started bridge to each size and measures, one client at
# a time, GET by filter (userName and Entra's work-email match), GET a page at the start and at depth, PATCH one
# attribute, add and remove one member of groups of each size, and DELETE a user who is in 100 groups.
# Writes cost-curve.csv, cost-curve.md and cost-curve.png (drawn by the load tool with java.awt) to --out.
#
#   mvn -B -DskipTests package
#   scripts/cost-curve.sh                                   # H2, sizes 1000,10000,100000, groups 10,1000,50000
#   scripts/cost-curve.sh --store pg --sizes 1000,10000 --group-sizes 10,1000 --out target/cost-curve-pg
#   (any other option goes to scripts/LoadTool.java: --samples, --delete-samples, --concurrency, ...)
#
# Settings (environment): PG_PORT / PGDATA_DIR (with --store pg: scripts/postgres-start.sh is run with
# PG_DURABLE=1, the scimbridge tables are emptied), BRIDGE_PORT, BRIDGE_DIR, BRIDGE_JAVA_OPTS (e.g. -Xmx512m).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/bench-lib.sh"
store=h2 out=target/cost-curve args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done

# The plot needs a font; a bare machine may have none.
if ! fc-list 2>/dev/null | grep -q .; then
  [ "$(id -u)" -eq 0 ] || { echo "no fonts installed (apt-get install fontconfig fonts-dejavu-core)" >&2; exit 1; }
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core
fi

if [ "$store" = pg ]; then
  PG_DURABLE=1 "$here/postgres-start.sh" >/dev/null
  empty_database "${PG_PORT:-55432}" scimbridge
  export BRIDGE_STORE="jdbc:postgresql://127.0.0.1:${PG_PORT:-55432}/scimbridge"
else
  export BRIDGE_STORE=h2
fi
export BRIDGE_DIR="${BRIDGE_DIR:-${TMPDIR:-/tmp}/scim-bridge-cost-curve}"
trap '"$here/bridge-stop.sh"' EXIT
env_out=$("$here/bridge-start.sh")
echo "$env_out" | grep READY
mkdir -p "$out"
java "$here/LoadTool.java" --url "$(sed -n 's/^BRIDGE_SCIM_URL=//p' <<<"$env_out")" \
  --token "$(sed -n 's/^BRIDGE_SCIM_TOKEN=//p' <<<"$env_out")" --workload cost-curve --out "$out" \
  ${args[@]+"${args[@]}"} | tee "$out/load.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
