package org.scimbridge.scim.patch;

import java.util.List;

/**
 * A change to a group's membership. Membership lives in its own table, so the applier never edits a
 * {@code members} array; it hands these to the store in request order.
 */
public sealed interface MembershipChange {

    /** Make these members (again) members; adding an existing member is a no-op. */
    record Add(List<MemberRef> members) implements MembershipChange {
        public Add {
            members = List.copyOf(members);
        }
    }

    /** Remove these member ids; ids that are not members are ignored. */
    record Remove(List<String> ids) implements MembershipChange {
        public Remove {
            ids = List.copyOf(ids);
        }
    }

    /** Remove every member. */
    record RemoveAll() implements MembershipChange {
    }

    /** Make exactly these the members. */
    record ReplaceAll(List<MemberRef> members) implements MembershipChange {
        public ReplaceAll {
            members = List.copyOf(members);
        }
    }
}
