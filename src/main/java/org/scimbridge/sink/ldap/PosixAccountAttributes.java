package org.scimbridge.sink.ldap;

import java.util.List;
import java.util.Map;

/**
 * The posixAccount attributes of a user, one definition for the sink's planner and for reconcile. uid,
 * uidNumber and gidNumber are kept in step on every change; homeDirectory and loginShell are only written when
 * the entry is made, so a rename does not move a home and a hand-set shell stays.
 */
final class PosixAccountAttributes {

    private PosixAccountAttributes() {
    }

    /**
     * @param maintained receives uid (when the RDN is not uid), uidNumber and gidNumber
     * @param initial    receives homeDirectory and loginShell
     */
    static void put(LdapTarget target, long uidNumber, String rdnValue, List<String> currentUid,
                    Map<String, List<String>> maintained, Map<String, List<String>> initial) {
        LdapTarget.PosixAccount px = target.posixAccount();
        if (!"uid".equalsIgnoreCase(target.userRdnAttribute())) {
            // memberUid names the RDN value, so the login name (uid) must hold it too
            maintained.put("uid", LdapDesiredState.union(currentUid, rdnValue));
        }
        maintained.put("uidNumber", List.of(String.valueOf(uidNumber)));
        maintained.put("gidNumber", List.of(String.valueOf(px.gidNumberFor(uidNumber))));
        initial.put("homeDirectory", List.of(px.homeDirectoryFor(rdnValue)));
        initial.put("loginShell", List.of(px.loginShell()));
    }
}
