package org.scimbridge.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimbridge.testsupport.Json.fixtureBody;
import static org.scimbridge.testsupport.Json.parse;
import static org.scimbridge.testsupport.Patches.normalize;
import static org.scimbridge.testsupport.Patches.storedUser;
import static org.scimbridge.testsupport.Patches.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.testsupport.Json;

/** Entra's user PATCH fixtures (12-30), one nested class per quirk; each asserts the resulting resource. */
class EntraUserPatchFixturesTest {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @Nested
    class CapitalizedOp {
        @Test
        void fixture12_replaceOpsWithPathsUpdateEachAttribute() {
            ObjectNode out = user(storedUser(), fixtureBody(12));

            assertThat(normalize(ResourceKind.USER, fixtureBody(12)).quirks())
                    .contains(EntraQuirk.CAPITALIZED_OP, EntraQuirk.URN_QUALIFIED_PATH, EntraQuirk.FILTERED_PATH_UPSERT);
            assertThat(out.get("displayName").asText()).isEqualTo("Pvlo");
            assertThat(out.get("externalId").asText()).isEqualTo("Eqpj");
            assertThat(out.get("name")).isEqualTo(parse(
                    "{\"givenName\":\"Gtfd\",\"familyName\":\"Pkqf\",\"formatted\":\"Barbara Jensen\"}"));
            assertThat(out.get("emails")).isEqualTo(parse(
                    "[{\"type\":\"work\",\"value\":\"TestBcwqnm@test.microsoft.com\",\"primary\":true}]"));
            assertThat(out.get(ENTERPRISE).get("employeeNumber").asText()).isEqualTo("Eqpj");
            assertThat(out.get("schemas")).extracting(Object::toString).asString().contains(ENTERPRISE);
        }

        @Test
        void fixture18_addOnAbsentSingleValueSetsIt() {
            ObjectNode out = user(storedUser(), fixtureBody(18));
            assertThat(out.get("nickName").asText()).isEqualTo("Babs");
        }

        @Test
        void fixture18_addOnPresentSingleValueOverwrites() {
            ObjectNode current = storedUser().put("nickName", "Old");
            assertThat(user(current, fixtureBody(18)).get("nickName").asText()).isEqualTo("Babs");
        }
    }

    @Nested
    class PathlessValueMap {
        @Test
        void fixture13_dottedAndUrnKeysArePaths() {
            ObjectNode out = user(storedUser(), fixtureBody(13));

            assertThat(normalize(ResourceKind.USER, fixtureBody(13)).quirks()).contains(
                    EntraQuirk.PATHLESS_VALUE_MAP, EntraQuirk.DOTTED_KEY_IN_MAP, EntraQuirk.URN_QUALIFIED_KEY);
            assertThat(out.has("name.givenName")).isFalse();
            assertThat(out.get("displayName").asText()).isEqualTo("Bjfe");
            assertThat(out.get("name").get("givenName").asText()).isEqualTo("Kkom");
            assertThat(out.get("name").get("familyName").asText()).isEqualTo("Unua");
            assertThat(out.get("name").get("formatted").asText()).isEqualTo("Barbara Jensen");
            assertThat(out.get(ENTERPRISE).get("employeeNumber").asText()).isEqualTo("Aklq");
            assertThat(out.get("emails").get(0).get("value").asText()).isEqualTo("TestMhvaes@test.microsoft.com");
        }

        @Test
        void fixture20_pathlessAddWithDottedKeys() {
            ObjectNode out = user(storedUser(), fixtureBody(20));
            assertThat(out.get("displayName").asText()).isEqualTo("Foo Bar");
            assertThat(out.get("title").asText()).isEqualTo("Bar Foo");
            assertThat(out.get("name")).isEqualTo(
                    parse("{\"givenName\":\"Foo\",\"familyName\":\"Bar\",\"formatted\":\"Foo Bar\"}"));
            assertThat(out.fieldNames()).toIterable().noneMatch(k -> k.contains("."));
        }

        @Test
        void fixture30_nullsInMapAndOnFilteredPathClear() {
            ObjectNode current = storedUser();
            current.put("title", "Boss").put("nickName", "B");
            current.putObject(ENTERPRISE).put("department", "Retail");
            current.withArray("schemas").add(ENTERPRISE);
            current.putArray("addresses").addObject().put("type", "work").put("locality", "Redmond")
                    .put("postalCode", "98052");

            ObjectNode out = user(current, fixtureBody(30));

            assertThat(normalize(ResourceKind.USER, fixtureBody(30)).quirks()).contains(EntraQuirk.NULL_VALUE_CLEAR);
            assertThat(out.has("title")).isFalse();
            assertThat(out.has("nickName")).isFalse();
            assertThat(out.get("name").has("givenName")).isFalse();
            assertThat(out.get("name").get("familyName").asText()).isEqualTo("Jensen");
            assertThat(out.has(ENTERPRISE)).as("emptied extension is dropped").isFalse();
            assertThat(out.get("addresses")).isEqualTo(parse("[{\"type\":\"work\",\"postalCode\":\"98052\"}]"));
        }

        @Test
        void fixture30_onAUserWithoutThoseAttributesIsANoOp() {
            ObjectNode current = storedUser();
            current.remove("name");
            ObjectNode out = user(current, fixtureBody(30));
            assertThat(out).isEqualTo(current);
        }
    }

    @Nested
    class BooleanAsString {
        @Test
        void fixture14_falseStringDisables() {
            ObjectNode out = user(storedUser(), fixtureBody(14));
            assertThat(out.get("active").isBoolean()).isTrue();
            assertThat(out.get("active").booleanValue()).isFalse();
            assertThat(normalize(ResourceKind.USER, fixtureBody(14)).quirks()).contains(EntraQuirk.BOOLEAN_AS_STRING);
        }

        @Test
        void fixture15_jsonFalseDisables() {
            ObjectNode out = user(storedUser(), fixtureBody(15));
            assertThat(out.get("active").booleanValue()).isFalse();
            assertThat(normalize(ResourceKind.USER, fixtureBody(15)).quirks()).isEmpty();
        }

        @Test
        void fixture16_operationsBeforeSchemasStillDisables() {
            ObjectNode out = user(storedUser(), fixtureBody(16));
            assertThat(out.get("active").booleanValue()).isFalse();
        }

        @Test
        void fixture17_trueStringEnables() {
            ObjectNode out = user(storedUser().put("active", false), fixtureBody(17));
            assertThat(out.get("active").isBoolean()).isTrue();
            assertThat(out.get("active").booleanValue()).isTrue();
        }
    }

    @Nested
    class FilteredPathUpsert {
        @Test
        void fixture19_createsWorkAddressAndSetsDepartment() {
            ObjectNode out = user(storedUser(), fixtureBody(19));
            assertThat(out.get("emails")).isEqualTo(parse(
                    "[{\"type\":\"work\",\"value\":\"AdeleV2@REDACTED.onmicrosoft.com\",\"primary\":true}]"));
            assertThat(out.get("addresses")).isEqualTo(parse("[{\"type\":\"work\",\"formatted\":\"18/2111\"}]"));
            assertThat(out.get(ENTERPRISE)).isEqualTo(parse("{\"department\":\"Retail\"}"));
        }

        @Test
        void fixture25_replacesMobileOnlyAndCreatesFax() {
            ObjectNode current = storedUser();
            current.putArray("phoneNumbers").add(Json.parse("{\"type\":\"work\",\"value\":\"1\"}"))
                    .add(Json.parse("{\"type\":\"mobile\",\"value\":\"2\"}"));

            ObjectNode out = user(current, fixtureBody(25));

            assertThat(out.get("phoneNumbers")).isEqualTo(parse("""
                    [{"type":"work","value":"1"},{"type":"mobile","value":"555-555-5555"},
                     {"type":"fax","value":"555-555-5555"}]"""));
        }

        @Test
        void fixture26_allWorkOpsHitOneElementAndCapitalisedSubNameIsCanonical() {
            ObjectNode out = user(storedUser(), fixtureBody(26));
            assertThat(out.get("addresses")).isEqualTo(parse("""
                    [{"type":"work","streetAddress":"1 Microsoft Way","postalCode":"98052"},
                     {"type":"other","formatted":"18/2111"}]"""));
            assertThat(normalize(ResourceKind.USER, fixtureBody(26)).quirks()).contains(EntraQuirk.ATTRIBUTE_NAME_CASE);
        }

        @Test
        void fixture27_severalAddsOnOneTypeBuildOneElement() {
            ObjectNode out = user(storedUser(), fixtureBody(27));
            assertThat(out.get("addresses")).isEqualTo(parse("""
                    [{"type":"work","formatted":"USZLTUSJXBYV","locality":"OSGODHEVDCVD","region":"YMVMOEMXAYGD"}]"""));
        }
    }

    @Nested
    class Manager {
        @Test
        void fixture21_bareStringIdIsStoredAsObject() {
            ObjectNode out = user(storedUser(), fixtureBody(21));
            assertThat(out.get(ENTERPRISE).get("manager")).isEqualTo(parse("{\"value\":\"271\"}"));
            assertThat(normalize(ResourceKind.USER, fixtureBody(21)).quirks()).contains(EntraQuirk.MANAGER_AS_STRING);
        }

        @Test
        void fixture22_lowerCaseAddReplacesExistingManager() {
            ObjectNode current = storedUser();
            current.putObject(ENTERPRISE).putObject("manager").put("value", "old").put("displayName", "Old Boss");
            ObjectNode out = user(current, fixtureBody(22));
            assertThat(out.get(ENTERPRISE).get("manager"))
                    .isEqualTo(parse("{\"value\":\"2c2f6fb8-254f-492e-b7fe-c09c5a61c8a2\"}"));
        }

        @Test
        void fixture23_emptyStringClearsManager() {
            ObjectNode current = storedUser();
            current.putObject(ENTERPRISE).put("department", "Retail").putObject("manager").put("value", "271");
            ObjectNode out = user(current, fixtureBody(23));
            assertThat(out.get(ENTERPRISE)).isEqualTo(parse("{\"department\":\"Retail\"}"));
            assertThat(normalize(ResourceKind.USER, fixtureBody(23)).quirks()).contains(EntraQuirk.EMPTY_STRING_CLEAR);
        }

        @Test
        void fixture24_barePathAndArrayValue() {
            ObjectNode out = user(storedUser(), fixtureBody(24));
            assertThat(out.get(ENTERPRISE).get("manager"))
                    .isEqualTo(parse("{\"value\":\"00aa00aa-bb11-cc22-dd33-44ee44ee44ee\"}"));
            assertThat(out.has("manager")).isFalse();
            assertThat(normalize(ResourceKind.USER, fixtureBody(24)).quirks())
                    .contains(EntraQuirk.BARE_EXTENSION_PATH, EntraQuirk.MANAGER_AS_ARRAY);
        }

        @Test
        void managerValueSubPathAndObjectWithCapitalKey() {
            ObjectNode out = user(storedUser(), """
                    {"Operations":[{"op":"add","path":"manager.value","value":"a"},
                     {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                      "value":{"Value":"b"}}]}""");
            assertThat(out.get(ENTERPRISE).get("manager")).isEqualTo(parse("{\"value\":\"b\"}"));
        }
    }

    @Nested
    class RolesStringifiedValue {
        @Test
        void fixture28_stringifiedRolesAreUnwrapped() {
            ObjectNode out = user(storedUser(), fixtureBody(28));
            assertThat(out.get("roles")).isEqualTo(parse("""
                    [{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"Admin","displayName":"Admin"},
                     {"id":"06b07648-ecfe-599f-9d2f-6325724a46ee","value":"User","displayName":"User"}]"""));
            assertThat(normalize(ResourceKind.USER, fixtureBody(28)).quirks())
                    .contains(EntraQuirk.ROLES_STRINGIFIED_VALUE);
        }

        @Test
        void fixture29_replaceRolesReplacesAll() {
            ObjectNode current = storedUser();
            current.putArray("roles").addObject().put("value", "Admin");
            ObjectNode out = user(current, fixtureBody(29));
            assertThat(out.get("roles")).isEqualTo(parse("""
                    [{"primary":false,"type":"WindowsAzureActiveDirectoryRole","display":"User","value":"User"},
                     {"primary":false,"type":"WindowsAzureActiveDirectoryRole","display":"Test","value":"Test"}]"""));
        }

        @Test
        void addingTheSameRoleTwiceKeepsOne() {
            ObjectNode once = user(storedUser(), fixtureBody(28));
            assertThat(user(once, fixtureBody(28)).get("roles")).hasSize(2);
        }
    }
}
