package org.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a PATCH did: the patched copy of the resource (without {@code meta} or group {@code members}) and the
 * membership changes, in request order.
 */
public record PatchResult(ObjectNode resource, List<MembershipChange> membershipChanges) {

    public PatchResult {
        membershipChanges = List.copyOf(membershipChanges);
    }
}
