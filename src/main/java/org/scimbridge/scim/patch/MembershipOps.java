package org.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.AttributePath;
import org.scimbridge.scim.filter.CompareOp;
import org.scimbridge.scim.filter.Filter;
import org.scimbridge.scim.filter.PatchPath;

/** Turns PATCH operations on a group's {@code members} into {@link MembershipChange}s (REPORT §3.4 rule 7). */
final class MembershipOps {

    private MembershipOps() {
    }

    static boolean isMembersPath(PatchPath path) {
        AttributePath a = path.attribute();
        return a.schemaUrn() == null && "members".equalsIgnoreCase(a.attribute());
    }

    /** The change one members operation makes, or empty when it changes nothing. */
    static Optional<MembershipChange> toChange(PatchOperation op, MembersReplacePolicy policy) {
        PatchPath path = op.path();
        if (path.attribute().hasSubAttribute() || path.subAttribute() != null) {
            throw ScimException.invalidPath("Members are changed as a whole; '" + path.attribute()
                    + "' names a part of one");
        }
        if (path.hasFilter()) {
            if (op.op() != PatchOpType.REMOVE) {
                throw ScimException.invalidFilter("A members filter is only supported with remove");
            }
            return Optional.of(new MembershipChange.Remove(idsOf(path.filter())));
        }
        JsonNode value = op.value();
        return switch (op.op()) {
            case ADD -> add(value);
            case REMOVE -> remove(value);
            case REPLACE -> replace(value, policy);
        };
    }

    private static Optional<MembershipChange> add(JsonNode value) {
        if (JsonObjects.isClear(value)) {
            throw ScimException.invalidValue("add members needs the members to add");
        }
        List<MemberRef> refs = MemberRefs.parse(value);
        return refs.isEmpty() ? Optional.empty() : Optional.of(new MembershipChange.Add(refs));
    }

    /**
     * Entra's default mode removes one member as {@code remove members [{"value":id}]}; an RFC-literal reading would
     * empty the group. Only a remove without any value removes everyone; an empty list removes no one.
     */
    private static Optional<MembershipChange> remove(JsonNode value) {
        if (JsonObjects.isClear(value)) {
            return Optional.of(new MembershipChange.RemoveAll());
        }
        List<MemberRef> refs = MemberRefs.parse(value);
        if (refs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MembershipChange.Remove(refs.stream().map(MemberRef::value).toList()));
    }

    /** See {@link MembersReplacePolicy}: Entra sends a replace carrying only the member it adds. */
    private static Optional<MembershipChange> replace(JsonNode value, MembersReplacePolicy policy) {
        List<MemberRef> refs = JsonObjects.isClear(value) ? List.of() : MemberRefs.parse(value);
        if (policy == MembersReplacePolicy.RFC) {
            return Optional.of(new MembershipChange.ReplaceAll(refs));
        }
        return refs.isEmpty() ? Optional.empty() : Optional.of(new MembershipChange.Add(refs));
    }

    /** The ids of {@code value eq "id"}, or of several joined by {@code or}; other filters are not supported. */
    private static List<String> idsOf(Filter filter) {
        Set<String> ids = new LinkedHashSet<>();
        collectIds(filter, ids);
        return new ArrayList<>(ids);
    }

    private static void collectIds(Filter filter, Set<String> ids) {
        if (filter instanceof Filter.Or or) {
            collectIds(or.left(), ids);
            collectIds(or.right(), ids);
            return;
        }
        if (filter instanceof Filter.Compare c && c.op() == CompareOp.EQ && c.path().schemaUrn() == null
                && "value".equalsIgnoreCase(c.path().attribute()) && !c.path().hasSubAttribute()
                && (c.value().isTextual() || c.value().isIntegralNumber()) && !c.value().asText().isBlank()) {
            ids.add(c.value().asText());
            return;
        }
        throw ScimException.invalidFilter("Members can be selected only by value eq \"id\" (optionally joined by or)");
    }
}
