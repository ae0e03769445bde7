package org.scimbridge.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What a PATCH does to a resource, computed under the store's row lock from the current attributes. */
@FunctionalInterface
public interface ResourcePatch {

    /**
     * @param current the stored attributes plus {@code id} (never members); must not be modified
     * @return the new attributes and the membership updates, in request order
     */
    Outcome apply(ObjectNode current);

    record Outcome(ObjectNode attributes, List<MembershipUpdate> membershipUpdates) {
    }
}
