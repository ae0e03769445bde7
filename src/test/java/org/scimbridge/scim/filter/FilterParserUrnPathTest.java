package org.scimbridge.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.scimbridge.scim.error.ScimException;

/** URN-prefixed PATCH paths: split on the last ':' (REPORT §3.4 rule 3), and no degenerate URNs. */
class FilterParserUrnPathTest {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @Test
    void extensionAttributeSplitsOnLastColon() {
        AttributePath p = FilterParser.parseAttributePath(ENTERPRISE + ":manager.value");
        assertThat(p).isEqualTo(new AttributePath(ENTERPRISE, "manager", "value"));
    }

    @Test
    void wholeExtensionWithAndWithoutTrailingColonNamesTheSameSchema() {
        assertThat(FilterParser.parseAttributePath(ENTERPRISE)).isEqualTo(new AttributePath(ENTERPRISE, null, null));
        // was: schemaUrn "...:2.0:User:" (with the colon), which matched no known extension
        assertThat(FilterParser.parseAttributePath(ENTERPRISE + ":"))
                .isEqualTo(new AttributePath(ENTERPRISE, null, null));
    }

    @Test
    void degenerateUrnsAreInvalidPaths() {
        // was: accepted as an extension literally called "urn:" / "urn:x:"
        for (String path : new String[] {"urn:", "urn:x:", "urn:x", "urn::a", "urn:a::"}) {
            assertThatThrownBy(() -> FilterParser.parsePatchPath(path))
                    .as(path)
                    .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidPath"));
        }
    }

    @Test
    void customExtensionAttribute() {
        PatchPath p = FilterParser.parsePatchPath(
                "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttribute");
        assertThat(p.attribute().schemaUrn())
                .isEqualTo("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User");
        assertThat(p.attribute().attribute()).isEqualTo("CustomAttribute");
    }

    @Test
    void coreUrnPrefixIsDropped() {
        assertThat(FilterParser.parseAttributePath("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName"))
                .isEqualTo(AttributePath.of("name", "givenName"));
    }
}
