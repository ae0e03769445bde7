package org.scimbridge.scim.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One attribute of a schema, as RFC 7643 §7 describes it; also what /Schemas serves. */
public record AttributeDefinition(
        String name,
        Type type,
        boolean multiValued,
        boolean required,
        boolean caseExact,
        Mutability mutability,
        Returned returned,
        Uniqueness uniqueness,
        List<String> canonicalValues,
        List<String> referenceTypes,
        List<AttributeDefinition> subAttributes,
        String description) {

    public enum Type {
        STRING("string"), BOOLEAN("boolean"), DECIMAL("decimal"), INTEGER("integer"), DATE_TIME("dateTime"),
        BINARY("binary"), REFERENCE("reference"), COMPLEX("complex");

        private final String scimName;

        Type(String scimName) {
            this.scimName = scimName;
        }

        public String scimName() {
            return scimName;
        }
    }

    public enum Mutability {
        READ_ONLY("readOnly"), READ_WRITE("readWrite"), IMMUTABLE("immutable"), WRITE_ONLY("writeOnly");

        private final String scimName;

        Mutability(String scimName) {
            this.scimName = scimName;
        }

        public String scimName() {
            return scimName;
        }
    }

    public enum Returned {
        ALWAYS("always"), NEVER("never"), DEFAULT("default"), REQUEST("request");

        private final String scimName;

        Returned(String scimName) {
            this.scimName = scimName;
        }

        public String scimName() {
            return scimName;
        }
    }

    public enum Uniqueness {
        NONE("none"), SERVER("server"), GLOBAL("global");

        private final String scimName;

        Uniqueness(String scimName) {
            this.scimName = scimName;
        }

        public String scimName() {
            return scimName;
        }
    }

    public Optional<AttributeDefinition> subAttribute(String subName) {
        return subAttributes.stream().filter(s -> s.name.equalsIgnoreCase(subName)).findFirst();
    }

    public boolean isComplex() {
        return type == Type.COMPLEX;
    }

    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }

    // ---- small builders, so SchemaRegistry reads like the RFC's tables ----

    public static AttributeDefinition string(String name, String description) {
        return new AttributeDefinition(name, Type.STRING, false, false, false, Mutability.READ_WRITE,
                Returned.DEFAULT, Uniqueness.NONE, List.of(), List.of(), List.of(), description);
    }

    public static AttributeDefinition of(String name, Type type, String description) {
        return new AttributeDefinition(name, type, false, false, false, Mutability.READ_WRITE,
                Returned.DEFAULT, Uniqueness.NONE, List.of(), List.of(), List.of(), description);
    }

    public static AttributeDefinition complex(String name, boolean multiValued, String description,
            AttributeDefinition... subs) {
        return new AttributeDefinition(name, Type.COMPLEX, multiValued, false, false, Mutability.READ_WRITE,
                Returned.DEFAULT, Uniqueness.NONE, List.of(), List.of(), List.of(subs), description);
    }

    public AttributeDefinition asMultiValued() {
        return new AttributeDefinition(name, type, true, required, caseExact, mutability, returned, uniqueness,
                canonicalValues, referenceTypes, subAttributes, description);
    }

    public AttributeDefinition asRequired() {
        return new AttributeDefinition(name, type, multiValued, true, caseExact, mutability, returned, uniqueness,
                canonicalValues, referenceTypes, subAttributes, description);
    }

    public AttributeDefinition asCaseExact() {
        return new AttributeDefinition(name, type, multiValued, required, true, mutability, returned, uniqueness,
                canonicalValues, referenceTypes, subAttributes, description);
    }

    public AttributeDefinition mutability(Mutability m) {
        return new AttributeDefinition(name, type, multiValued, required, caseExact, m, returned, uniqueness,
                canonicalValues, referenceTypes, subAttributes, description);
    }

    public AttributeDefinition returned(Returned r) {
        return new AttributeDefinition(name, type, multiValued, required, caseExact, mutability, r, uniqueness,
                canonicalValues, referenceTypes, subAttributes, description);
    }

    public AttributeDefinition unique(Uniqueness u) {
        return new AttributeDefinition(name, type, multiValued, required, caseExact, mutability, returned, u,
                canonicalValues, referenceTypes, subAttributes, description);
    }

    public AttributeDefinition canonical(String... values) {
        return new AttributeDefinition(name, type, multiValued, required, caseExact, mutability, returned,
                uniqueness, List.of(values), referenceTypes, subAttributes, description);
    }

    public AttributeDefinition references(String... types) {
        return new AttributeDefinition(name, type, multiValued, required, caseExact, mutability, returned,
                uniqueness, canonicalValues, List.of(types), subAttributes, description);
    }
}
