package org.scimbridge.entra;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.scimbridge.scim.patch.PatchOperation;

/** A PATCH body in canonical form, and the Entra quirks it used. */
public record NormalizedPatch(List<PatchOperation> operations, Set<EntraQuirk> quirks) {

    public NormalizedPatch {
        operations = List.copyOf(operations);
        quirks = quirks.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(quirks));
    }
}
