package org.scimbridge.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.scimbridge.scim.model.ScimJson;
import org.scimbridge.scim.schema.ResourceKind;

/**
 * Renders a stored resource as SCIM JSON: {@code schemas}, {@code id}, the attributes exactly as they were
 * sent, group {@code members}, then {@code meta}.
 */
public final class ResourceRenderer {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private ResourceRenderer() {
    }

    /**
     * @param baseUrl the directory's base URL ({@code http://host/scim/v2/demo}) for {@code meta.location} and
     *                member {@code $ref}s; null leaves them out
     */
    public static ObjectNode render(StoredResource resource, String baseUrl) {
        ObjectNode out = ScimJson.object();
        ObjectNode attributes = resource.attributes();
        if (attributes.has("schemas")) {
            out.set("schemas", attributes.get("schemas"));
        } else {
            out.putArray("schemas").add(resource.kind().coreSchema());
        }
        out.put("id", resource.id());
        attributes.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("schemas")) {
                out.set(f.getKey(), f.getValue());
            }
        });
        if (resource.kind() == ResourceKind.GROUP && resource.members() != null) {
            ArrayNode members = out.putArray("members");
            for (StoredResource.Member m : resource.members()) {
                ObjectNode member = members.addObject();
                member.put("value", m.value());
                if (baseUrl != null) {
                    member.put("$ref", baseUrl + "/" + ResourceKind.fromResourceType(m.type()).endpoint() + "/"
                            + m.value());
                }
                member.put("type", m.type());
                if (m.display() != null) {
                    member.put("display", m.display());
                }
            }
        }
        if (resource.kind() == ResourceKind.USER && resource.groups() != null && !resource.groups().isEmpty()) {
            ArrayNode groups = out.putArray("groups");
            for (StoredResource.Member g : resource.groups()) {
                ObjectNode group = groups.addObject();
                group.put("value", g.value());
                if (baseUrl != null) {
                    group.put("$ref", baseUrl + "/Groups/" + g.value());
                }
                if (g.display() != null) {
                    group.put("display", g.display());
                }
                group.put("type", "direct");
            }
        }
        ObjectNode meta = out.putObject("meta");
        meta.put("resourceType", resource.kind().resourceType());
        meta.put("created", format(resource.created()));
        meta.put("lastModified", format(resource.lastModified()));
        if (baseUrl != null) {
            meta.put("location", baseUrl + "/" + resource.kind().endpoint() + "/" + resource.id());
        }
        meta.put("version", resource.etag());
        return out;
    }

    public static String format(OffsetDateTime time) {
        return TIMESTAMP.format(time);
    }
}
