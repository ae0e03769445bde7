package org.scimbridge.store;

import java.util.List;

/** A change to a group's membership, as the store applies it: set operations on the member table. */
public sealed interface MembershipUpdate {

    record Add(List<String> ids) implements MembershipUpdate {
    }

    record Remove(List<String> ids) implements MembershipUpdate {
    }

    record RemoveAll() implements MembershipUpdate {
    }

    record ReplaceAll(List<String> ids) implements MembershipUpdate {
    }
}
