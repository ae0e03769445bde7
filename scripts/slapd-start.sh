#!/usr/bin/env bash
# Starts a throwaway OpenLDAP slapd for the *SlapdTest / *SlapdIT tests, and prints the settings they read:
#   SCIM_BRIDGE_TEST_LDAP_URL=ldap://127.0.0.1:3890
# Idempotent: installs slapd and ldap-utils from Debian if missing, reuses a slapd it already started.
# Suffix dc=example,dc=org (back_mdb), rootdn cn=admin,dc=example,dc=org / admin, schemas core, cosine, nis,
# inetorgperson; the ppolicy overlay (its schema, pwdAccountLockedTime for the ppolicy disable strategy, is built
# into the module in slapd 2.5) with a default policy, cn=default,ou=policies, that only honours a lock
# (pwdLockout TRUE, pwdMaxFailure 0: failed binds never lock; an entry with pwdAccountLockedTime cannot bind);
# OUs people, groups, disabled. Data in $SLAPD_DIR (default /tmp/scim-bridge-slapd); stop and
# delete it with scripts/slapd-stop.sh (KEEP_DATA=1 keeps it, and the next start reuses it; SLAPD_FRESH=1 wipes). Progress goes to stderr, settings to stdout.
set -euo pipefail

PORT="${SLAPD_PORT:-3890}"
DIR="${SLAPD_DIR:-/tmp/scim-bridge-slapd}"
URL="ldap://127.0.0.1:${PORT}"
SUFFIX="dc=example,dc=org"
ROOTDN="cn=admin,${SUFFIX}"
ROOTPW="admin"

log() { echo "slapd-start: $*" >&2; }

if ! command -v slapd >/dev/null 2>&1 && [ ! -x /usr/sbin/slapd ] || ! command -v ldapadd >/dev/null 2>&1; then
  log "installing slapd and ldap-utils from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends slapd ldap-utils >&2
fi
SLAPD="$(command -v slapd || echo /usr/sbin/slapd)"
SCHEMA=/etc/ldap/schema

if [ -f "$DIR/slapd.pid" ] && kill -0 "$(cat "$DIR/slapd.pid")" 2>/dev/null \
    && ldapsearch -x -H "$URL" -D "$ROOTDN" -w "$ROOTPW" -b "$SUFFIX" -s base >/dev/null 2>&1; then
  log "already running (pid $(cat "$DIR/slapd.pid"))"
  echo "SCIM_BRIDGE_TEST_LDAP_URL=${URL}"
  exit 0
fi

if [ -f "$DIR/slapd.conf" ] && [ -f "$DIR/data/data.mdb" ] && [ "${SLAPD_FRESH:-0}" != "1" ]; then
  # stopped with KEEP_DATA=1 (an outage test): start again on the same data
  "$SLAPD" -h "$URL/" -f "$DIR/slapd.conf" -u root -g root >&2
  for _ in $(seq 1 50); do
    ldapsearch -x -H "$URL" -b "" -s base >/dev/null 2>&1 && break
    sleep 0.2
  done
  log "restarted on the data in ${DIR} (pid $(cat "$DIR/slapd.pid"))"
  echo "SCIM_BRIDGE_TEST_LDAP_URL=${URL}"
  exit 0
fi

rm -rf "$DIR"
mkdir -p "$DIR/data"
cat >"$DIR/slapd.conf" <<CONF
include ${SCHEMA}/core.schema
include ${SCHEMA}/cosine.schema
include ${SCHEMA}/nis.schema
include ${SCHEMA}/inetorgperson.schema
pidfile ${DIR}/slapd.pid
argsfile ${DIR}/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
database mdb
maxsize 268435456
suffix "${SUFFIX}"
rootdn "${ROOTDN}"
rootpw ${ROOTPW}
directory ${DIR}/data
index objectClass eq
index uid,cn,member,uniqueMember,memberUid eq
overlay ppolicy
ppolicy_default "cn=default,ou=policies,${SUFFIX}"
CONF

# as root, slapd would otherwise drop to the openldap user, which cannot read a root-owned temp dir
"$SLAPD" -h "$URL/" -f "$DIR/slapd.conf" -u root -g root >&2

for _ in $(seq 1 50); do
  ldapsearch -x -H "$URL" -b "" -s base >/dev/null 2>&1 && break
  sleep 0.2
done

ldapadd -x -H "$URL" -D "$ROOTDN" -w "$ROOTPW" >&2 <<LDIF
dn: ${SUFFIX}
objectClass: top
objectClass: dcObject
objectClass: organization
o: example
dc: example

dn: ou=people,${SUFFIX}
objectClass: organizationalUnit
ou: people

dn: ou=groups,${SUFFIX}
objectClass: organizationalUnit
ou: groups

dn: ou=disabled,${SUFFIX}
objectClass: organizationalUnit
ou: disabled

dn: ou=policies,${SUFFIX}
objectClass: organizationalUnit
ou: policies

dn: cn=default,ou=policies,${SUFFIX}
objectClass: top
objectClass: device
objectClass: pwdPolicy
cn: default
pwdAttribute: userPassword
pwdLockout: TRUE
pwdMaxFailure: 0
LDIF

log "running on ${URL} (pid $(cat "$DIR/slapd.pid")), base ${SUFFIX}, rootdn ${ROOTDN}"
echo "SCIM_BRIDGE_TEST_LDAP_URL=${URL}"
