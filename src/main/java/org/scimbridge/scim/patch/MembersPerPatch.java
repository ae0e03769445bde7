package org.scimbridge.scim.patch;

import java.util.List;
import org.scimbridge.scim.error.ScimException;

/**
 * The limit on member values one PATCH of a group may carry (issue 11.6), summed over its operations after either
 * Entra dialect was read: members added, removed by value or by {@code members[value eq ...]}, or set by a replace.
 * A remove of every member carries no value and counts none. Refused as 400 {@code invalidValue}, like the limit on
 * values per attribute: RFC 7644 §3.12 names {@code tooMany} for a filter that yields too many results, and
 * {@code invalidValue} for a value the operation cannot take.
 */
public final class MembersPerPatch {

    private MembersPerPatch() {
    }

    public static void check(List<MembershipChange> changes, int max) {
        long values = 0;
        for (MembershipChange change : changes) {
            if (change instanceof MembershipChange.Add add) {
                values += add.members().size();
            } else if (change instanceof MembershipChange.Remove remove) {
                values += remove.ids().size();
            } else if (change instanceof MembershipChange.ReplaceAll replace) {
                values += replace.members().size();
            }
        }
        if (values > max) {
            throw ScimException.invalidValue("The PATCH carries " + values + " member values; at most " + max
                    + " are accepted in one request (scim-bridge.limits.max-members-per-patch): send them in"
                    + " several PATCH requests");
        }
    }
}
