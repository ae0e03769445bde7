package org.scimbridge.camel;

import java.util.List;
import org.scimbridge.scim.model.AttributeProjection;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.store.MemberStore;
import org.scimbridge.store.StoredResource;
import org.springframework.stereotype.Component;

/**
 * Loads what a resource refers to through the membership table, unless the caller excluded it: a group's
 * {@code members}, a user's {@code groups}. Entra always sends {@code excludedAttributes=members}, so its
 * group reads never touch the member table. What the writer already knows (a new user's groups: none) is not
 * loaded again.
 */
@Component
public class ReferenceLoader {

    private final MemberStore members;

    public ReferenceLoader(MemberStore members) {
        this.members = members;
    }

    public StoredResource load(StoredResource resource, List<String> attributes, List<String> excluded) {
        if (resource.kind() == ResourceKind.GROUP && !AttributeProjection.excludes(attributes, excluded, "members")) {
            return resource.withMembers(members.list(resource.directoryId(), resource.id(), true));
        }
        if (resource.kind() == ResourceKind.USER && resource.groups() == null
                && !AttributeProjection.excludes(attributes, excluded, "groups")) {
            return resource.withGroups(members.groupsOf(resource.directoryId(), resource.id()));
        }
        return resource;
    }
}
