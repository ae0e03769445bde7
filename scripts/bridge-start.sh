#!/usr/bin/env bash
# Start the packaged bridge (target/scim-bridge-*.jar, built by `mvn package`) for a benchmark, in the
# background, and wait until it answers. Not used by the tests; scripts/side-by-side.sh and the cost-curve and
# profile commands in docs/benchmarks.md use it.
#
#   scripts/bridge-start.sh                 # embedded H2 store in ${BRIDGE_DIR}/data, no sink
#   BRIDGE_STORE=jdbc:postgresql://127.0.0.1:55482/scimbridge scripts/bridge-start.sh   # on PostgreSQL
#   scripts/bridge-stop.sh
#
# Settings (environment):
#   BRIDGE_PORT      HTTP port                                                 (default 18080)
#   BRIDGE_MANAGEMENT_PORT  actuator port (health is answered there)           (default BRIDGE_PORT + 1000)
#   BRIDGE_STORE     "h2" (a fresh file store under BRIDGE_DIR) or a JDBC URL    (default h2)
#   BRIDGE_DB_USER / BRIDGE_DB_PASSWORD   credentials of a JDBC URL            (default scim / scim)
#   BRIDGE_SINKS     the demo directory's sinks; empty = none, as in the side-by-side comparison, where the
#                    bridge does the work Jackson does                         (default empty)
#   BRIDGE_LDAP_PORT port of the embedded LDAP server when BRIDGE_SINKS names ldap-default (default 11389)
#   BRIDGE_JAVA_OPTS JVM options, e.g. -Xmx512m or -XX:StartFlightRecording=...   (default -Xmx1g)
#   BRIDGE_DIR       pid file, log and H2 files                                (default ${TMPDIR:-/tmp}/scim-bridge-bench)
#   BRIDGE_FRESH     1 (default): delete the H2 files first, so every start is an empty directory
#   BRIDGE_START_TIMEOUT  seconds to wait for it to answer                  (default 300; a busy machine is slow)
#   BRIDGE_JAR       another build to run, e.g. a copy of an earlier commit's jar (default target/scim-bridge-*.jar)
#   BRIDGE_ROUTES    the routes folder that build loads                       (default this repository's routes/)
#
# Prints, once /actuator/health answers UP:
#   BRIDGE_SCIM_URL=http://127.0.0.1:18080/scim/v2/demo
#   BRIDGE_SCIM_TOKEN=<the demo directory's token>
#   BRIDGE_READY_SECONDS=<seconds from start to ready>
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BRIDGE_PORT="${BRIDGE_PORT:-18080}"
BRIDGE_STORE="${BRIDGE_STORE:-h2}"
BRIDGE_MANAGEMENT_PORT="${BRIDGE_MANAGEMENT_PORT:-$((BRIDGE_PORT + 1000))}"
BRIDGE_DIR="${BRIDGE_DIR:-${TMPDIR:-/tmp}/scim-bridge-bench}"
BRIDGE_SINKS="${BRIDGE_SINKS:-}"
BRIDGE_LDAP_PORT="${BRIDGE_LDAP_PORT:-11389}"
token="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"

log() { printf '[bridge-start] %s\n' "$*" >&2; }
die() { printf '[bridge-start] ERROR: %s\n' "$*" >&2; exit 1; }

jar=${BRIDGE_JAR:-$(ls "$repo"/target/scim-bridge-*.jar 2>/dev/null | grep -v -e '-plain' -e 'sources' | head -n 1 || true)}
routes=${BRIDGE_ROUTES:-${repo}/routes}
[ -n "$jar" ] || die "no target/scim-bridge-*.jar: run mvn -B -DskipTests package first"
mkdir -p "$BRIDGE_DIR"
pidfile="$BRIDGE_DIR/bridge.pid"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  die "a bridge started from ${BRIDGE_DIR} is already running (pid $(cat "$pidfile")); run scripts/bridge-stop.sh first"
fi

if [ "$BRIDGE_STORE" = h2 ]; then
  [ "${BRIDGE_FRESH:-1}" = 1 ] && rm -rf "$BRIDGE_DIR/data"
  # the same URL as application.yaml's default, in BRIDGE_DIR
  url="jdbc:h2:file:${BRIDGE_DIR}/data/scim-bridge;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
  user=sa password=
else
  url="$BRIDGE_STORE" user="${BRIDGE_DB_USER:-scim}" password="${BRIDGE_DB_PASSWORD:-scim}"
fi
embedded_ldap=false
case ",$BRIDGE_SINKS," in *,ldap-default,*) embedded_ldap=true ;; esac

started=$(date +%s.%N)
# shellcheck disable=SC2086 # BRIDGE_JAVA_OPTS is a list of options
(cd "$repo" && PORT="$BRIDGE_PORT" MANAGEMENT_PORT="$BRIDGE_MANAGEMENT_PORT" SPRING_DATASOURCE_URL="$url" SPRING_DATASOURCE_USERNAME="$user" \
  SPRING_DATASOURCE_PASSWORD="$password" SCIM_BRIDGE_DEMO_TOKEN="$token" SCIM_BRIDGE_DEMO_SINKS="$BRIDGE_SINKS" \
  SCIM_BRIDGE_EMBEDDED_LDAP_ENABLED="$embedded_ldap" SCIM_BRIDGE_EMBEDDED_LDAP_PORT="$BRIDGE_LDAP_PORT" \
  SCIM_BRIDGE_ROUTES="file:${routes}/*.camel.yaml" \
  exec java ${BRIDGE_JAVA_OPTS:--Xmx1g} -jar "$jar" >"$BRIDGE_DIR/bridge.log" 2>&1) &
echo $! >"$pidfile"
for _ in $(seq 1 "${BRIDGE_START_TIMEOUT:-300}"); do
  if curl -fs "http://127.0.0.1:${BRIDGE_MANAGEMENT_PORT}/actuator/health" 2>/dev/null | grep -q '"UP"'; then
    ready=$(echo "$(date +%s.%N) - $started" | bc)
    log "ready on 127.0.0.1:${BRIDGE_PORT} after ${ready} s (store: ${BRIDGE_STORE%%;*}, sinks: ${BRIDGE_SINKS:-none}; log ${BRIDGE_DIR}/bridge.log)"
    echo "BRIDGE_SCIM_URL=http://127.0.0.1:${BRIDGE_PORT}/scim/v2/demo"
    echo "BRIDGE_SCIM_TOKEN=${token}"
    echo "BRIDGE_READY_SECONDS=${ready}"
    exit 0
  fi
  kill -0 "$(cat "$pidfile")" 2>/dev/null || { tail -n 40 "$BRIDGE_DIR/bridge.log" >&2; die "the bridge exited during start"; }
  sleep 1
done
die "the bridge did not answer within ${BRIDGE_START_TIMEOUT:-300} s (log: ${BRIDGE_DIR}/bridge.log)"
