package org.scimbridge.scim.schema;

import java.util.List;
import java.util.Optional;

/** A schema served at /Schemas: core User, the enterprise User extension, or core Group. */
public record ResourceSchema(String id, String name, String description, List<AttributeDefinition> attributes) {

    public Optional<AttributeDefinition> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equalsIgnoreCase(attributeName)).findFirst();
    }
}
