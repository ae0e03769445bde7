package org.scimbridge.scim.schema;

import java.util.List;

/** The two resource types the bridge serves. */
public enum ResourceKind {
    USER("User", "Users", ScimSchemas.USER, List.of(ScimSchemas.ENTERPRISE_USER)),
    GROUP("Group", "Groups", ScimSchemas.GROUP, List.of());

    private final String resourceType;
    private final String endpoint;
    private final String coreSchema;
    private final List<String> extensionSchemas;

    ResourceKind(String resourceType, String endpoint, String coreSchema, List<String> extensionSchemas) {
        this.resourceType = resourceType;
        this.endpoint = endpoint;
        this.coreSchema = coreSchema;
        this.extensionSchemas = extensionSchemas;
    }

    /** {@code User} or {@code Group}: meta.resourceType and the store's type column. */
    public String resourceType() {
        return resourceType;
    }

    /** {@code Users} or {@code Groups}: the URL segment. */
    public String endpoint() {
        return endpoint;
    }

    public String coreSchema() {
        return coreSchema;
    }

    public List<String> extensionSchemas() {
        return extensionSchemas;
    }

    public static ResourceKind fromResourceType(String type) {
        for (ResourceKind k : values()) {
            if (k.resourceType.equalsIgnoreCase(type) || k.endpoint.equalsIgnoreCase(type)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown resource type " + type);
    }
}
