package org.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.schema.ResourceKind;

/**
 * Applies canonical PATCH operations (RFC 7644 §3.5.2, with the Entra tolerances of REPORT §3.4) to a stored
 * resource. The stored node has {@code schemas}, {@code id} and the attributes, never {@code meta} nor group
 * {@code members}: membership lives in its own table, so every members operation becomes a
 * {@link MembershipChange} instead.
 *
 * <p>All or nothing: the operations run on a deep copy, and the caller gets either the result or a
 * {@link ScimException}; {@code current} is never modified.
 */
public final class PatchApplier {

    public PatchResult apply(ResourceKind kind, ObjectNode current, List<PatchOperation> ops,
            MembersReplacePolicy policy) {
        if (kind == null || current == null || policy == null) {
            throw new ScimException(500, null, "PatchApplier needs a kind, the current resource and a policy");
        }
        if (ops == null) {
            throw ScimException.invalidSyntax("A PATCH needs Operations");
        }
        try {
            ObjectNode working = current.deepCopy();
            AttributePatcher attributes = new AttributePatcher(kind, working);
            List<MembershipChange> changes = new ArrayList<>();
            for (PatchOperation op : ops) {
                if (op == null) {
                    throw ScimException.invalidSyntax("An operation is null");
                }
                if (kind == ResourceKind.GROUP && MembershipOps.isMembersPath(op.path())) {
                    MembershipOps.toChange(op, policy).ifPresent(changes::add);
                } else {
                    attributes.apply(op);
                }
            }
            return new PatchResult(working, changes);
        } catch (ScimException e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug, not the client's fault; surface it as a SCIM error so nothing half-applied escapes.
            ScimException wrapped = new ScimException(500, null, "The PATCH could not be applied");
            wrapped.initCause(e);
            throw wrapped;
        }
    }
}
