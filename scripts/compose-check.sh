#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: `docker-compose config -q` parses the file, checks it
# against the Compose schema and resolves every ${VARIABLE:-default}. Run by .ci/run.
#
#   scripts/compose-check.sh
#
# Installs Debian's docker-compose package (1.29, the Python implementation; it needs no engine for `config`)
# when the command is missing. What it does not check, for want of an engine: that the images pull and the
# Dockerfile builds, that the services start and become healthy, that the bridge reaches PostgreSQL and OpenLDAP.
# The Dockerfile's entry point, port and environment are checked against the README by ContainerFilesTest
# (mvn verify).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log() { printf '[compose-check] %s\n' "$*" >&2; }

if ! command -v docker-compose >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { log "docker-compose is missing and installing it needs root (apt-get install docker-compose)"; exit 1; }
  log "docker-compose not found; installing Debian's docker-compose package"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi
log "$(docker-compose version --short 2>/dev/null || docker-compose version | head -n 1)"

cd "$repo"
# With the defaults, and with every variable the file reads set, so that both resolve.
docker-compose -f docker-compose.yml config -q
POSTGRES_PASSWORD=x SCIM_BRIDGE_DEMO_TOKEN=x SCIM_BRIDGE_ADMIN_TOKEN=x LDAP_ADMIN_PASSWORD=x \
  OPENLDAP_IMAGE=example.org/openldap:1 docker-compose -f docker-compose.yml config -q
log "docker-compose.yml is valid"
