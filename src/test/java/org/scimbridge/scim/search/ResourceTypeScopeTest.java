package org.scimbridge.scim.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.Filter;
import org.scimbridge.scim.filter.FilterParser;
import org.scimbridge.scim.schema.ResourceKind;

/** A root search's filter as each resource type sees it: attributes a type lacks are absent from it. */
class ResourceTypeScopeTest {

    private static final Filter NONE = FilterParser.parse("not (id pr)");

    private static Filter forGroups(String filter) {
        return ResourceTypeScope.restrict(FilterParser.parse(filter), ResourceKind.GROUP);
    }

    @Test
    void aComparisonOnAnAttributeTheTypeLacksMatchesNothing() {
        assertThat(forGroups("userName eq \"a\"")).isEqualTo(NONE);
        assertThat(forGroups("emails[type eq \"work\"].value eq \"a\"")).isEqualTo(NONE);
        assertThat(forGroups("name.givenName pr")).isEqualTo(NONE);
        assertThat(forGroups("userName eq \"a\" and displayName eq \"x\"")).isEqualTo(NONE);
    }

    @Test
    void orAndNotFoldTheAbsentAttributeAway() {
        assertThat(forGroups("userName eq \"a\" or displayName eq \"x\""))
                .isEqualTo(FilterParser.parse("displayName eq \"x\""));
        assertThat(forGroups("not (userName eq \"a\") and displayName eq \"x\""))
                .isEqualTo(FilterParser.parse("displayName eq \"x\""));
        assertThat(forGroups("userName eq null")).isNull();
        assertThat(forGroups("not (userName pr)")).isNull();
        assertThat(forGroups("userName ne null")).isEqualTo(NONE);
    }

    @Test
    void attributesTheTypeDefinesAndUrnPathsAreKept() {
        Filter both = FilterParser.parse("displayName eq \"x\" and meta.resourceType eq \"Group\"");
        assertThat(ResourceTypeScope.restrict(both, ResourceKind.USER)).isEqualTo(both);
        Filter urn = FilterParser.parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"x\"");
        assertThat(ResourceTypeScope.restrict(urn, ResourceKind.GROUP)).isEqualTo(urn);
        assertThat(ResourceTypeScope.restrict(FilterParser.parse("members pr"), ResourceKind.USER)).isEqualTo(NONE);
    }

    @Test
    void anAttributeNoTypeDefinesIsAnInvalidFilter() {
        ResourceTypeScope.requireKnownToSomeType(FilterParser.parse("userName eq \"a\" or members pr"));
        assertThatThrownBy(() -> ResourceTypeScope.requireKnownToSomeType(
                FilterParser.parse("displayName eq \"a\" or nosuch pr")))
                .isInstanceOfSatisfying(ScimException.class,
                        e -> assertThat(e.getMessage()).contains("nosuch"));
    }
}
