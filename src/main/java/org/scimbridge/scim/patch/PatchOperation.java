package org.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;
import org.scimbridge.scim.filter.PatchPath;

/**
 * One canonical PATCH operation: the op is known, the path is always set (path-less operations have been
 * expanded by the normaliser) and an absent value is {@link NullNode}, never Java null.
 */
public record PatchOperation(PatchOpType op, PatchPath path, JsonNode value) {

    public PatchOperation {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(path, "path");
        if (value == null || value.isMissingNode()) {
            value = NullNode.getInstance();
        }
    }

    /** True when the value is JSON null or absent. */
    public boolean hasNoValue() {
        return value.isNull();
    }
}
