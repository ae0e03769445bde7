package org.scimbridge.scim.schema;

import static org.scimbridge.scim.schema.AttributeDefinition.complex;
import static org.scimbridge.scim.schema.AttributeDefinition.of;
import static org.scimbridge.scim.schema.AttributeDefinition.string;

import java.util.List;
import java.util.Optional;
import org.scimbridge.scim.filter.AttributePath;
import org.scimbridge.scim.schema.AttributeDefinition.Mutability;
import org.scimbridge.scim.schema.AttributeDefinition.Returned;
import org.scimbridge.scim.schema.AttributeDefinition.Type;
import org.scimbridge.scim.schema.AttributeDefinition.Uniqueness;

/**
 * The attribute definitions of RFC 7643 §4 and §4.3 that the bridge knows: one source for /Schemas, for
 * boolean coercion, for case-exact comparison in filters and for resolving attribute names case-insensitively.
 * Attributes not defined here (custom extensions) are stored and returned verbatim.
 */
public final class SchemaRegistry {

    public static final ResourceSchema USER = new ResourceSchema(ScimSchemas.USER, "User", "User Account", List.of(
            string("userName", "Unique identifier for the User, typically used to authenticate.")
                    .asRequired().unique(Uniqueness.SERVER),
            complex("name", false, "The components of the user's real name.",
                    string("formatted", "The full name."),
                    string("familyName", "The family name."),
                    string("givenName", "The given name."),
                    string("middleName", "The middle name(s)."),
                    string("honorificPrefix", "The honorific prefix(es)."),
                    string("honorificSuffix", "The honorific suffix(es).")),
            string("displayName", "The name of the User, suitable for display to end-users."),
            string("nickName", "The casual way to address the user."),
            of("profileUrl", Type.REFERENCE, "A fully qualified URL to the User's online profile.")
                    .references("external"),
            string("title", "The user's title, such as \"Vice President\"."),
            string("userType", "Used to identify the relationship between the organization and the user."),
            string("preferredLanguage", "Indicates the User's preferred written or spoken language."),
            string("locale", "Used to indicate the User's default location."),
            string("timezone", "The User's time zone in the 'Olson' time zone database format."),
            of("active", Type.BOOLEAN, "A Boolean value indicating the User's administrative status."),
            string("password", "The User's cleartext password.")
                    .mutability(Mutability.WRITE_ONLY).returned(Returned.NEVER),
            multi("emails", "Email addresses for the user.", "work", "home", "other"),
            multi("phoneNumbers", "Phone numbers for the User.", "work", "home", "mobile", "fax", "pager", "other"),
            multi("ims", "Instant messaging addresses for the User.", "aim", "gtalk", "icq", "xmpp", "msn",
                    "skype", "qq", "yahoo"),
            multi("photos", "URLs of photos of the User.", "photo", "thumbnail"),
            complex("addresses", true, "A physical mailing address for this User.",
                    string("formatted", "The full mailing address."),
                    string("streetAddress", "The full street address component."),
                    string("locality", "The city or locality component."),
                    string("region", "The state or region component."),
                    string("postalCode", "The zip code or postal code component."),
                    string("country", "The country name component."),
                    string("type", "A label indicating the attribute's function.").canonical("work", "home", "other"),
                    of("primary", Type.BOOLEAN, "Indicates the primary address.")),
            complex("groups", true, "A list of groups to which the user belongs.",
                    string("value", "The identifier of the User's group.").mutability(Mutability.READ_ONLY),
                    of("$ref", Type.REFERENCE, "The URI of the corresponding 'Group' resource.")
                            .references("Group").mutability(Mutability.READ_ONLY),
                    string("display", "A human-readable name.").mutability(Mutability.READ_ONLY),
                    string("type", "direct or indirect.").canonical("direct", "indirect")
                            .mutability(Mutability.READ_ONLY))
                    .mutability(Mutability.READ_ONLY),
            multi("entitlements", "A list of entitlements for the User."),
            multi("roles", "A list of roles for the User."),
            multi("x509Certificates", "A list of certificates issued to the User.")));

    public static final ResourceSchema ENTERPRISE_USER = new ResourceSchema(ScimSchemas.ENTERPRISE_USER,
            "EnterpriseUser", "Enterprise User", List.of(
            string("employeeNumber", "Numeric or alphanumeric identifier assigned to a person."),
            string("costCenter", "Identifies the name of a cost center."),
            string("organization", "Identifies the name of an organization."),
            string("division", "Identifies the name of a division."),
            string("department", "Identifies the name of a department."),
            complex("manager", false, "The User's manager.",
                    string("value", "The id of the SCIM resource representing the User's manager."),
                    of("$ref", Type.REFERENCE, "The URI of the SCIM resource representing the User's manager.")
                            .references("User"),
                    string("displayName", "The displayName of the User's manager.")
                            .mutability(Mutability.READ_ONLY))));

    public static final ResourceSchema GROUP = new ResourceSchema(ScimSchemas.GROUP, "Group", "Group", List.of(
            string("displayName", "A human-readable name for the Group.").asRequired().unique(Uniqueness.SERVER),
            complex("members", true, "A list of members of the Group.",
                    string("value", "Identifier of the member of this Group.").mutability(Mutability.IMMUTABLE),
                    of("$ref", Type.REFERENCE, "The URI corresponding to a SCIM resource that is a member.")
                            .references("User", "Group").mutability(Mutability.IMMUTABLE),
                    string("display", "A human-readable name for the member.").mutability(Mutability.READ_ONLY),
                    string("type", "The type of the member.").canonical("User", "Group")
                            .mutability(Mutability.IMMUTABLE))));

    /** Attributes every resource has (RFC 7643 §3.1); not part of any schema's attribute list. */
    public static final List<AttributeDefinition> COMMON = List.of(
            string("id", "Unique identifier for the resource, assigned by the service provider.")
                    .asCaseExact().mutability(Mutability.READ_ONLY).returned(Returned.ALWAYS)
                    .unique(Uniqueness.SERVER),
            string("externalId", "Identifier of the resource as defined by the provisioning client.").asCaseExact(),
            complex("meta", false, "Resource metadata.",
                    string("resourceType", "The name of the resource type.").asCaseExact(),
                    of("created", Type.DATE_TIME, "When the resource was added."),
                    of("lastModified", Type.DATE_TIME, "When the resource was last updated."),
                    of("location", Type.REFERENCE, "The URI of the resource.").asCaseExact(),
                    string("version", "The version (ETag) of the resource.").asCaseExact())
                    .mutability(Mutability.READ_ONLY));

    private SchemaRegistry() {
    }

    public static List<ResourceSchema> all() {
        return List.of(USER, ENTERPRISE_USER, GROUP);
    }

    public static ResourceSchema core(ResourceKind kind) {
        return kind == ResourceKind.USER ? USER : GROUP;
    }

    /** The extension schema with this URN (any case) for this kind, if the bridge defines it. */
    public static Optional<ResourceSchema> extension(ResourceKind kind, String urn) {
        if (kind == ResourceKind.USER && ScimSchemas.ENTERPRISE_USER.equalsIgnoreCase(urn)) {
            return Optional.of(ENTERPRISE_USER);
        }
        return Optional.empty();
    }

    /**
     * The definition of the top-level attribute a path names. A core path (no URN) also finds enterprise
     * attributes, because Entra and older docs write a bare {@code manager}.
     */
    public static Optional<AttributeDefinition> attribute(ResourceKind kind, AttributePath path) {
        if (path.attribute() == null) {
            return Optional.empty();
        }
        if (path.schemaUrn() != null) {
            return extension(kind, path.schemaUrn()).flatMap(s -> s.attribute(path.attribute()));
        }
        Optional<AttributeDefinition> common = COMMON.stream()
                .filter(a -> a.name().equalsIgnoreCase(path.attribute())).findFirst();
        if (common.isPresent()) {
            return common;
        }
        Optional<AttributeDefinition> core = core(kind).attribute(path.attribute());
        if (core.isPresent() || kind != ResourceKind.USER) {
            return core;
        }
        return ENTERPRISE_USER.attribute(path.attribute());
    }

    /** The definition of exactly what the path names: the sub-attribute when it has one. */
    public static Optional<AttributeDefinition> leaf(ResourceKind kind, AttributePath path) {
        Optional<AttributeDefinition> top = attribute(kind, path);
        if (!path.hasSubAttribute()) {
            return top;
        }
        return top.flatMap(a -> a.subAttribute(path.subAttribute()));
    }

    /** True when the bare (URN-less) path resolves to the enterprise extension rather than the core schema. */
    public static boolean isEnterpriseOnly(ResourceKind kind, AttributePath path) {
        return kind == ResourceKind.USER && path.schemaUrn() == null && path.attribute() != null
                && core(kind).attribute(path.attribute()).isEmpty()
                && COMMON.stream().noneMatch(a -> a.name().equalsIgnoreCase(path.attribute()))
                && ENTERPRISE_USER.attribute(path.attribute()).isPresent();
    }

    private static AttributeDefinition multi(String name, String description, String... types) {
        return complex(name, true, description,
                string("value", "The attribute's significant value."),
                string("display", "A human-readable name, primarily used for display purposes.")
                        .mutability(Mutability.READ_ONLY),
                string("type", "A label indicating the attribute's function.").canonical(types),
                of("primary", Type.BOOLEAN, "Indicates the 'primary' or preferred attribute value."));
    }
}
