package org.scimbridge.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.scimbridge.scim.schema.ScimSchemas;
import org.scimbridge.store.UserIds;
import org.springframework.stereotype.Component;

/**
 * Gives a rendered user's enterprise {@code manager} the {@code $ref} of the user it names (RFC 7643 §4.3), as
 * group members have theirs. The store keeps only the id (a client's {@code $ref} points into the client, not
 * here); a manager that names no user of this directory (not provisioned yet, a group, another directory's
 * user) keeps its {@code value} and gets no {@code $ref}.
 */
@Component
public class ManagerLinks {

    private final UserIds users;

    public ManagerLinks(UserIds users) {
        this.users = users;
    }

    /** Adds the {@code $ref} to each of the rendered resources whose manager names a stored user. */
    public void link(String directoryId, List<ObjectNode> rendered, String baseUrl) {
        List<ObjectNode> managers = new ArrayList<>();
        for (ObjectNode resource : rendered) {
            JsonNode enterprise = resource.get(ScimSchemas.ENTERPRISE_USER);
            if (enterprise != null && enterprise.path("manager").path("value").isTextual()) {
                // a copy: the rendered node shares its children with the stored resource
                ObjectNode copy = ((ObjectNode) enterprise).deepCopy();
                resource.set(ScimSchemas.ENTERPRISE_USER, copy);
                managers.add((ObjectNode) copy.get("manager"));
            }
        }
        if (managers.isEmpty()) {
            return;
        }
        Set<String> stored = users.existing(directoryId, managers.stream().map(m -> m.get("value").asText()).toList());
        for (ObjectNode manager : managers) {
            String id = manager.get("value").asText();
            manager.remove("$ref");
            if (stored.contains(id)) {
                manager.put("$ref", baseUrl + "/Users/" + id);
            }
        }
    }
}
