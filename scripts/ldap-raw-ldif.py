#!/usr/bin/env python3
"""The raw-ldapadd side of the LDAP sink benchmark (docs/benchmarks.md, issue 10.1): LDIF of USERS inetOrgPerson
entries with the attributes the sink writes for LdapSinkBenchmark's users, and GROUPS groupOfNames of SIZE member
DNs each, under ou=people / ou=groups of dc=example,dc=org (scripts/slapd-start.sh).

    python3 scripts/ldap-raw-ldif.py RUN USERS GROUPS SIZE > raw.ldif
    time ldapadd -x -H ldap://127.0.0.1:3956 -D cn=admin,dc=example,dc=org -w admin -f raw.ldif
"""
import sys

run, users, groups, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
out = []
for i in range(users):
    u = f"raw{i}.{run}"
    out.append(f"dn: uid={u},ou=people,dc=example,dc=org\nobjectClass: top\nobjectClass: person\n"
               f"objectClass: organizationalPerson\nobjectClass: inetOrgPerson\nuid: {u}\ncn: Bur St\nsn: St\n"
               f"givenName: Bur\ndisplayName: Bur St\nmail: {u}@example.com\n")
for g in range(groups):
    members = "".join(f"member: uid=raw{(g * size + m) % users}.{run},ou=people,dc=example,dc=org\n"
                      for m in range(size))
    out.append(f"dn: cn=Raw {g} {run},ou=groups,dc=example,dc=org\nobjectClass: top\nobjectClass: groupOfNames\n"
               f"cn: Raw {g} {run}\n{members}")
print("\n".join(out))
