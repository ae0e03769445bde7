#!/usr/bin/env bash
# Run the external SCIM conformance suites against a fresh bridge: Microsoft's Postman collection, Okta's
# SCIM 2.0 SPEC test (both with newman) and SAP's SCIMono compliance tests (RFC subset). docs/conformance.md
# explains the suites, their figures and the deviations we accept.
#
#   scripts/conformance.sh            # all three suites
#   scripts/conformance.sh ms okta    # only some of them (ms, okta, scimono)
#
# It builds the jar if missing or stale, starts it on a free loopback port with an empty H2 store in a temp folder and
# one directory per suite (each with its own token: the Microsoft collection counts users and needs an empty
# directory), installs newman 6 from npm and the SCIMono 0.0.24 jar from Maven Central into a cache folder
# when missing, runs each suite, prints one "N passed, N failed, N skipped" line per suite, and compares each
# suite's failures with docs/conformance-deviations.txt. The bridge and the token stub stop on exit.
#
# Exit status: 0 when every failure is an accepted deviation; 1 otherwise (or when a suite could not run).
#
# Settings (environment):
#   SCIM_BRIDGE_CONFORMANCE_DIR    the suites (default: conformance/ in this repository; read-only)
#   SCIM_BRIDGE_CONFORMANCE_CACHE  newman and the SCIMono jar (default: ~/.cache/scim-bridge/conformance)
#   SCIM_BRIDGE_CONFORMANCE_OUT    reports and the bridge log (default: target/conformance)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
suites_dir=$(cd "${SCIM_BRIDGE_CONFORMANCE_DIR:-$repo/conformance}" && pwd)
cache=${SCIM_BRIDGE_CONFORMANCE_CACHE:-$HOME/.cache/scim-bridge/conformance}
out=${SCIM_BRIDGE_CONFORMANCE_OUT:-$repo/target/conformance}
deviations=$repo/docs/conformance-deviations.txt
summarize=$suites_dir/tools/summarize.py
check=$repo/scripts/conformance_check.py
scimono_version=0.0.24

selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=(ms okta scimono)
for s in "${selected[@]}"; do
  case $s in ms|okta|scimono) ;; *) echo "unknown suite '$s' (ms, okta, scimono)" >&2; exit 2 ;; esac
done
wants() { local s; for s in "${selected[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

log() { printf '[conformance] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# --- the bridge, the token stub, and cleaning up after both ---------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/scim-bridge-conformance.XXXXXX")
bridge_pid=""
stub_pid=""
cleanup() {
  local pid
  for pid in "$stub_pid" "$bridge_pid"; do
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$out" "$cache"
for s in "${selected[@]}"; do rm -rf "$out/$s" "$out/$s".*; done   # keep the reports of suites not run now

jar=$(ls "$repo"/target/scim-bridge-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)
# Missing, or older than the sources (routes/ are read from disk, so they need no rebuild): build it.
if [ -z "$jar" ] || [ -n "$(find "$repo/src/main" "$repo/pom.xml" -newer "$jar" -print -quit)" ]; then
  log "building the jar (mvn -o -q -DskipTests package)"
  (cd "$repo" && mvn -o -q -DskipTests package)
  jar=$(ls "$repo"/target/scim-bridge-*.jar | grep -v '\.original$' | head -n 1)
fi

port=$(free_port)
management_port=$(free_port)
base="http://127.0.0.1:$port"
log "starting $(basename "$jar") on $base with an empty store in $work"
# The temp folder is the working directory, so the embedded ./data default lands there too; the explicit
# URL makes sure no SPRING_DATASOURCE_URL from the environment points the run at a real store.
(
  cd "$work"
  exec java -jar "$jar" \
    --server.port="$port" \
    --server.address=127.0.0.1 \
    --management.server.port="$management_port" \
    "--spring.datasource.url=jdbc:h2:file:$work/data/scim-bridge;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    --spring.datasource.username=sa --spring.datasource.password= \
    "--camel.main.routes-include-pattern=file:$repo/routes/*.camel.yaml" \
    --scim-bridge.directories.ms.token=ms-token \
    --scim-bridge.directories.okta.token=okta-token \
    --scim-bridge.directories.scimono.token=scimono-token \
    --scim-bridge.directories.scimono.members-replace=rfc
) >"$out/bridge.log" 2>&1 &
bridge_pid=$!

for i in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$management_port/actuator/health/readiness" >/dev/null 2>&1; then break; fi
  kill -0 "$bridge_pid" 2>/dev/null || { tail -n 40 "$out/bridge.log" >&2; die "the bridge exited while starting"; }
  [ "$i" -lt 120 ] || { tail -n 40 "$out/bridge.log" >&2; die "the bridge did not become healthy in 120 s"; }
  sleep 1
done
log "bridge is up (pid $bridge_pid, log $out/bridge.log)"

# --- runners: installed into the cache when missing ---------------------------------------------------
newman=$cache/newman/node_modules/.bin/newman
if (wants ms || wants okta) && [ ! -x "$newman" ]; then
  log "installing newman 6 from npm into $cache/newman"
  npm install --prefix "$cache/newman" --no-audit --no-fund --loglevel=error newman@6 >&2
fi
scimono_jar=$cache/scimono/scimono-compliance-tests-$scimono_version-shaded.jar
if wants scimono && [ ! -f "$scimono_jar" ]; then
  log "downloading SCIMono $scimono_version from Maven Central into $cache/scimono"
  mvn -q dependency:copy -Dartifact="com.sap.scimono:scimono-compliance-tests:$scimono_version:jar:shaded" \
      -DoutputDirectory="$cache/scimono" >&2
fi

env_file() {  # env_file FILE key value key value ...
  python3 - "$@" <<'PY'
import json, sys
path, kv = sys.argv[1], sys.argv[2:]
values = [{"key": kv[i], "value": kv[i + 1], "enabled": True} for i in range(0, len(kv), 2)]
json.dump({"name": "scim-bridge conformance", "values": values}, open(path, "w"), indent=1)
PY
}

summaries=()
status=0
record() {  # record SUITE KIND REPORT
  local line
  if [ ! -s "$3" ]; then
    summaries+=("$1: did not run (no report $3)")
    status=1
    return
  fi
  line=$(python3 "$summarize" "$2" "$3" || true)
  summaries+=("$1: ${line#*: }")
  python3 "$check" "$1" "$2" "$3" "$deviations" || status=1
}

# --- Microsoft's Postman collection ---------------------------------------------------------------------
if wants ms; then
  log "Microsoft SCIM reference collection (newman), directory ms"
  env_file "$out/ms.env.json" Protocol http Server 127.0.0.1 Port ":$port" Api scim/v2/ms token ms-token
  # Every folder but "Get Token": the token is in the environment already.
  "$newman" run "$suites_dir/microsoft-scimreferencecode/PostmanCollection.json" -e "$out/ms.env.json" \
    --folder "Endpoint tests" --folder "User tests" --folder "Group tests" --folder "ComplexAttribute tests" \
    --folder "User tests with garbage" --folder "Group tests with garbage" --folder "Teardown garbage" \
    --reporters cli,json --reporter-json-export "$out/ms.json" --disable-unicode --color off \
    >"$out/ms.txt" 2>&1 || true
  record ms newman "$out/ms.json"
fi

# --- Okta's SCIM 2.0 SPEC test --------------------------------------------------------------------------
if wants okta; then
  log "Okta SCIM 2.0 SPEC test (newman), directory okta"
  # Its first request lists with count=1 and reads that user back: seed one.
  curl -fsS -o /dev/null -X POST "$base/scim/v2/okta/Users" \
    -H 'Authorization: Bearer okta-token' -H 'Content-Type: application/scim+json' \
    -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"seed.user@example.com",
         "name":{"givenName":"Seed","familyName":"User"},"emails":[{"value":"seed.user@example.com","type":"work","primary":true}],
         "active":true}' || die "could not seed the okta directory"
  env_file "$out/okta.env.json" SCIMBaseURL "$base/scim/v2/okta" auth "Bearer okta-token"
  "$newman" run "$suites_dir/okta-scim-spec-test/Okta-SCIM-20-SPEC-Test.converted.postman_collection.json" \
    -e "$out/okta.env.json" --reporters cli,json --reporter-json-export "$out/okta.json" --disable-unicode --color off \
    >"$out/okta.txt" 2>&1 || true
  record okta newman "$out/okta.json"
fi

# --- SAP SCIMono, RFC subset ------------------------------------------------------------------------------
if wants scimono; then
  log "SAP SCIMono $scimono_version RFC subset, directory scimono"
  # SCIMono speaks only Basic or OAuth client credentials: a loopback stub hands it the directory's token.
  stub_port=$(free_port)
  python3 "$suites_dir/tools/token_stub.py" "$stub_port" scimono-token >"$out/token-stub.log" 2>&1 &
  stub_pid=$!
  for _ in $(seq 1 50); do
    curl -fsS -o /dev/null -X POST "http://127.0.0.1:$stub_port/token" 2>/dev/null && break
    sleep 0.1
  done
  mkdir -p "$out/scimono"
  # It writes TEST-junit-jupiter.xml and testLogs.log in its working directory, and exits 0 even on failures.
  (
    cd "$out/scimono"
    java --add-opens java.base/java.net=ALL-UNNAMED --add-opens java.base/sun.net.www.protocol.http=ALL-UNNAMED \
      -jar "$scimono_jar" \
      "scim.service.url=$base/scim/v2/scimono" \
      auth.type=Oauth oauth.grant=client_credentials oauth.clientId=x oauth.secret=y \
      "oauth.service.url=http://127.0.0.1:$stub_port/token" \
      "tests.file.path=$suites_dir/scimono-compliance-tests/tests-rfc-subset.$scimono_version.csv"
  ) >"$out/scimono.txt" 2>&1 || true
  record scimono junit "$out/scimono/TEST-junit-jupiter.xml"
fi

echo
echo "Reports: $out"
for line in "${summaries[@]}"; do echo "$line"; done
if [ "$status" -ne 0 ]; then
  echo "FAILED: a suite has failures that are not accepted deviations (docs/conformance-deviations.txt)"
fi
exit "$status"
