package org.scimbridge.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.scimbridge.testsupport.Json.fixtureBody;
import static org.scimbridge.testsupport.Json.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.schema.ResourceKind;

/** POST/PUT bodies from Entra's fixtures and Microsoft's Postman tests. */
class ResourceBodyNormalizerTest {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private final ResourceBodyNormalizer normalizer = new ResourceBodyNormalizer();

    @Test
    void fixture09_dropsMetaAndEmptyRolesKeepsTheRest() {
        ObjectNode out = normalizer.normalize(ResourceKind.USER, fixtureBody(9));
        assertThat(out.has("meta")).isFalse();
        assertThat(out.has("roles")).isFalse();
        assertThat(out.get("active").booleanValue()).isTrue();
        assertThat(out.get("name").get("givenName").asText()).isEqualTo("givenName");
        assertThat(out.get("schemas")).hasSize(2);
    }

    @Test
    void fixture10_nullsDroppedMalformedUrnKeptAsSent() {
        ObjectNode out = normalizer.normalize(ResourceKind.USER, fixtureBody(10));
        assertThat(out.has("addresses")).isFalse();
        assertThat(out.has("department")).isFalse();
        assertThat(out.has("manager")).isFalse();
        assertThat(out.has(ENTERPRISE)).isFalse();
        assertThat(out.get("schemas")).isEqualTo(parse("""
                ["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0User"]"""));
        assertThat(out.get("displayName").asText()).isEqualTo("Joy Young");
    }

    @Test
    void fixture11_activeStringAndNullSubAttributes() {
        ObjectNode out = normalizer.normalize(ResourceKind.USER, fixtureBody(11));
        assertThat(out.get("active").isBoolean()).isTrue();
        assertThat(out.get("active").booleanValue()).isTrue();
        assertThat(out.get("addresses").get(1)).isEqualTo(parse("""
                {"formatted":"18522 Lisa Unions\\nEast Gregory, CT 52311","type":"other","primary":false}"""));
        assertThat(out.get("name").has("honorificPrefix")).isFalse();
        assertThat(out.get("emails")).hasSize(2);
    }

    @Test
    void postmanCapitalisedNamesAndManagerObject() {
        ObjectNode out = normalizer.normalize(ResourceKind.USER, parse("""
                {"UserName":"u","Emails":[{"Primary":"True","Value":"a@b","Type":"work"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"Department":"D","Manager":{"Value":"9"}},
                 "id":"x","password":"p","groups":[{"value":"g"}]}"""));
        assertThat(out).isEqualTo(parse("""
                {"userName":"u","emails":[{"primary":true,"value":"a@b","type":"work"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"D","manager":{"value":"9"}},
                 "schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]}"""));
    }

    @Test
    void managerShapesAndStringifiedRoles() {
        ObjectNode out = normalizer.normalize(ResourceKind.USER, parse("""
                {"userName":"u","manager":"42","roles":[{"value":"{\\"value\\":\\"Admin\\",\\"displayName\\":\\"A\\"}"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":""}}"""));
        assertThat(out.get(ENTERPRISE)).isEqualTo(parse("{\"manager\":{\"value\":\"42\"}}"));
        assertThat(out.get("roles")).isEqualTo(parse("[{\"value\":\"Admin\",\"displayName\":\"A\"}]"));
    }

    @Test
    void badBooleanIsInvalidValue() {
        assertThatThrownBy(() -> normalizer.normalize(ResourceKind.USER, parse("{\"userName\":\"u\",\"active\":\"yes\"}")))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
    }

    @Test
    void notAnObjectIsInvalidSyntax() {
        assertThatThrownBy(() -> normalizer.normalize(ResourceKind.USER, parse("[1]")))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidSyntax"));
    }

    @Test
    void fixture32_groupWithForeignSchemaUrn() {
        ObjectNode out = normalizer.normalize(ResourceKind.GROUP, fixtureBody(32));
        assertThat(out).isEqualTo(parse("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                  "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"displayName"}"""));
    }

    @Test
    void groupMembersKeptAsValueTypePairs() {
        ObjectNode out = normalizer.normalize(ResourceKind.GROUP, parse("""
                {"displayName":"G","members":[{"value":"1","$ref":null,"type":"user"},{"Value":"2","display":"x"}]}"""));
        assertThat(out.get("members")).isEqualTo(parse("[{\"value\":\"1\",\"type\":\"User\"},{\"value\":\"2\"}]"));
        assertThatThrownBy(() -> normalizer.normalize(ResourceKind.GROUP,
                parse("{\"displayName\":\"G\",\"members\":[{\"display\":\"x\"}]}")))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
    }
}
