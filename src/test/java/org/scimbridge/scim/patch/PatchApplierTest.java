package org.scimbridge.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.scimbridge.testsupport.Json.parse;
import static org.scimbridge.testsupport.Patches.storedUser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.FilterParser;
import org.scimbridge.scim.schema.ResourceKind;

/** RFC 7644 §3.5.2 semantics of the applier, on canonical operations built directly. */
class PatchApplierTest {

    private final PatchApplier applier = new PatchApplier();

    private static PatchOperation op(PatchOpType type, String path, String valueJson) {
        return new PatchOperation(type, FilterParser.parsePatchPath(path), valueJson == null ? null : parse(valueJson));
    }

    private ObjectNode apply(ObjectNode current, PatchOperation... ops) {
        return applier.apply(ResourceKind.USER, current, List.of(ops), MembersReplacePolicy.ENTRA).resource();
    }

    private void assertRejected(String scimType, PatchOperation... ops) {
        ObjectNode current = storedUser();
        assertThatThrownBy(() -> apply(current, ops)).isInstanceOfSatisfying(ScimException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.scimType()).isEqualTo(scimType);
        });
        assertThat(current).isEqualTo(storedUser());
    }

    @Nested
    class Add {
        @Test
        void appendsToMultiValuedSkippingExactDuplicatesAndKeepsOnePrimary() {
            ObjectNode out = apply(storedUser(), op(PatchOpType.ADD, "emails", """
                    [{"type":"work","value":"babs@contoso.com","primary":true},
                     {"type":"home","value":"b@home","primary":"True"}]"""));
            assertThat(out.get("emails")).isEqualTo(parse("""
                    [{"type":"work","value":"babs@contoso.com","primary":false},
                     {"type":"home","value":"b@home","primary":true}]"""));
        }

        @Test
        void nullOrEmptyStringRemoves() {
            ObjectNode out = apply(storedUser(), op(PatchOpType.ADD, "displayName", "\"\""),
                    op(PatchOpType.REPLACE, "name", "null"));
            assertThat(out.has("displayName")).isFalse();
            assertThat(out.has("name")).isFalse();
        }

        @Test
        void customExtensionIsStoredVerbatimAndListedInSchemas() {
            String urn = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";
            ObjectNode out = apply(storedUser(), op(PatchOpType.ADD, urn + ":CustomAttribute", "{\"a\":[1]}"));
            assertThat(out.get(urn)).isEqualTo(parse("{\"CustomAttribute\":{\"a\":[1]}}"));
            assertThat(out.get("schemas")).contains(parse("\"" + urn + "\""));
            ObjectNode removed = apply(out, op(PatchOpType.REMOVE, urn + ":customattribute", null));
            assertThat(removed.has(urn)).isFalse();
            assertThat(removed.get("schemas")).doesNotContain(parse("\"" + urn + "\""));
        }
    }

    @Nested
    class Replace {
        @Test
        void complexAttributeMergesSubAttributes() {
            ObjectNode out = apply(storedUser(), op(PatchOpType.REPLACE, "name", "{\"GivenName\":\"B\",\"formatted\":\"\"}"));
            assertThat(out.get("name")).isEqualTo(parse("{\"givenName\":\"B\",\"familyName\":\"Jensen\"}"));
        }

        @Test
        void multiValuedIsReplacedWhole() {
            ObjectNode out = apply(storedUser(), op(PatchOpType.REPLACE, "emails", "{\"value\":\"n@x\"}"));
            assertThat(out.get("emails")).isEqualTo(parse("[{\"value\":\"n@x\"}]"));
        }

        @Test
        void severalMatchesHitThePrimaryOne() {
            ObjectNode current = storedUser();
            current.withArray("emails").insertObject(0).put("type", "work").put("value", "second@x");
            ObjectNode out = apply(current, op(PatchOpType.REPLACE, "emails[type eq \"WORK\"].value", "\"new@x\""));
            assertThat(out.get("emails")).isEqualTo(parse("""
                    [{"type":"work","value":"second@x"},{"type":"work","value":"new@x","primary":true}]"""));
        }

        @Test
        void loneUntypedElementIsTheWorkOne() {
            ObjectNode current = storedUser();
            current.putArray("emails").addObject().put("value", "old@x");
            ObjectNode out = apply(current, op(PatchOpType.REPLACE, "emails[type eq \"work\"].value", "\"new@x\""));
            assertThat(out.get("emails")).isEqualTo(parse("[{\"value\":\"new@x\",\"type\":\"work\"}]"));
        }

        @Test
        void filterWithoutEqCannotUpsert() {
            assertRejected("noTarget", op(PatchOpType.REPLACE, "emails[value co \"zzz\"].type", "\"home\""));
        }
    }

    @Nested
    class Remove {
        @Test
        void absentAttributeIsANoOp() {
            ObjectNode out = apply(storedUser(), op(PatchOpType.REMOVE, "nickName", null),
                    op(PatchOpType.REMOVE, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", null),
                    op(PatchOpType.REMOVE, "phoneNumbers[type eq \"fax\"]", null));
            assertThat(out).isEqualTo(storedUser());
        }

        @Test
        void filteredRemoveDropsMatchingElementsOrOnlyTheSubAttribute() {
            ObjectNode current = storedUser();
            current.withArray("emails").addObject().put("type", "home").put("value", "h@x").put("display", "H");
            ObjectNode sub = apply(current.deepCopy(), op(PatchOpType.REMOVE, "emails[type eq \"home\"].display", null));
            assertThat(sub.get("emails").get(1)).isEqualTo(parse("{\"type\":\"home\",\"value\":\"h@x\"}"));
            ObjectNode whole = apply(current, op(PatchOpType.REMOVE, "emails[value ew \"@X\" or type eq \"nope\"]", null));
            assertThat(whole.get("emails")).hasSize(1);
            ObjectNode all = apply(whole, op(PatchOpType.REMOVE, "emails[not (type eq \"home\")]", null));
            assertThat(all.has("emails")).isFalse();
        }
    }

    @Nested
    class Filters {
        private JsonNode typesMatching(String filter) {
            ObjectNode current = storedUser();
            current.putArray("phoneNumbers").add(parse("{\"type\":\"work\",\"value\":\"100\",\"primary\":true}"))
                    .add(parse("{\"type\":\"mobile\",\"value\":\"250\"}")).add(parse("{\"type\":\"fax\"}"));
            ObjectNode out = apply(current, op(PatchOpType.REPLACE, "phoneNumbers[" + filter + "].display", "\"hit\""));
            return parse(out.get("phoneNumbers").toString());
        }

        @Test
        void operatorsEvaluateInJava() {
            assertThat(hits("value gt 120")).containsExactly("mobile");
            assertThat(hits("value le \"100\"")).containsExactly("work");
            assertThat(hits("value pr and not (type eq \"work\")")).containsExactly("mobile");
            assertThat(hits("type sw \"MO\" or type ew \"AX\"")).containsExactly("mobile", "fax");
            assertThat(hits("type co \"o\"")).containsExactly("work");
            assertThat(hits("primary eq true")).containsExactly("work");
            assertThat(hits("type ne \"work\" and value ge 0")).containsExactly("mobile");
        }

        private List<String> hits(String filter) {
            List<String> types = new java.util.ArrayList<>();
            typesMatching(filter).forEach(e -> {
                if (e.has("display")) {
                    types.add(e.get("type").asText());
                }
            });
            return types;
        }
    }

    @Nested
    class Rejections {
        @Test
        void idMayOnlyBeRepeated() {
            assertThat(apply(storedUser(), op(PatchOpType.REPLACE, "id", "\"u1\""))).isEqualTo(storedUser());
            assertRejected("mutability", op(PatchOpType.REPLACE, "id", "\"u2\""));
            assertRejected("mutability", op(PatchOpType.REMOVE, "id", null));
            assertRejected("mutability", op(PatchOpType.ADD, "meta", "{\"created\":\"2020-01-01\"}"));
        }

        @Test
        void unknownCoreAttributeIsInvalidPath() {
            assertRejected("invalidPath", op(PatchOpType.ADD, "favouriteColour", "\"red\""));
            assertRejected("invalidPath", op(PatchOpType.ADD, "name.nickName", "\"x\""));
            assertRejected("invalidPath", op(PatchOpType.ADD, "displayName.x", "\"x\""));
            assertRejected("invalidPath", op(PatchOpType.ADD, "members", "[{\"value\":\"x\"}]"));
        }

        @Test
        void wrongShapesAreInvalidValue() {
            assertRejected("invalidValue", op(PatchOpType.REPLACE, "name", "\"Babs\""));
            assertRejected("invalidValue", op(PatchOpType.REPLACE, "displayName", "[\"a\"]"));
            assertRejected("invalidValue", op(PatchOpType.REPLACE, "active", "\"yes\""));
            assertRejected("invalidValue", op(PatchOpType.ADD, "emails", "[\"a@b\"]"));
            assertRejected("invalidValue", op(PatchOpType.ADD, "emails[type eq \"work\"].primary", "\"maybe\""));
        }

        @Test
        void aLaterFailureLeavesNoPartialChange() {
            assertRejected("invalidPath", op(PatchOpType.REPLACE, "displayName", "\"changed\""),
                    op(PatchOpType.ADD, "nope", "1"));
        }
    }
}
