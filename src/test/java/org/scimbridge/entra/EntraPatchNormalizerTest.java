package org.scimbridge.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.scimbridge.testsupport.Json.parse;
import static org.scimbridge.testsupport.Patches.storedUser;
import static org.scimbridge.testsupport.Patches.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.patch.PatchOpType;
import org.scimbridge.scim.patch.PatchOperation;
import org.scimbridge.scim.schema.ResourceKind;

/** The PatchOp envelope as Entra (and others) write it. */
class EntraPatchNormalizerTest {

    private final EntraPatchNormalizer normalizer = new EntraPatchNormalizer();

    private NormalizedPatch normalize(String json) {
        return normalizer.normalize(ResourceKind.USER, parse(json));
    }

    private static void assertScimError(Runnable r, String scimType) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ScimException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.scimType()).isEqualTo(scimType);
        });
    }

    @Nested
    class CapitalizedOp {
        @Test
        void opInAnyCase() {
            NormalizedPatch p = normalize("""
                    {"Operations":[{"op":"ADD","path":"title","value":"a"},{"op":"rEpLaCe","path":"title","value":"b"},
                     {"op":"Remove","path":"title"}]}""");
            assertThat(p.operations()).extracting(PatchOperation::op)
                    .containsExactly(PatchOpType.ADD, PatchOpType.REPLACE, PatchOpType.REMOVE);
            assertThat(p.quirks()).contains(EntraQuirk.CAPITALIZED_OP);
        }

        @Test
        void lowerCaseIsNotAQuirk() {
            assertThat(normalize("""
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"add","path":"title","value":"a"}]}""").quirks()).isEmpty();
        }
    }

    @Nested
    class OperationsKeyCase {
        @Test
        void lowerCaseOperationsKeyAndCapitalisedFields() {
            NormalizedPatch p = normalize("{\"operations\":[{\"Op\":\"add\",\"Path\":\"title\",\"Value\":\"a\"}]}");
            assertThat(p.operations()).hasSize(1);
            assertThat(p.operations().get(0).value().asText()).isEqualTo("a");
            assertThat(p.quirks()).contains(EntraQuirk.OPERATIONS_KEY_CASE, EntraQuirk.OPERATION_FIELD_CASE,
                    EntraQuirk.MISSING_PATCHOP_SCHEMA);
        }
    }

    @Nested
    class MalformedEnvelope {
        @Test
        void rejectsWhatIsNotAPatchOp() {
            for (String body : List.of("[]", "\"x\"", "null", "{}", "{\"Operations\":{}}",
                    "{\"Operations\":[1]}", "{\"Operations\":[{\"path\":\"title\"}]}",
                    "{\"Operations\":[{\"op\":\"move\",\"path\":\"title\"}]}",
                    "{\"Operations\":[{\"op\":7,\"path\":\"title\"}]}")) {
                assertScimError(() -> normalize(body), "invalidSyntax");
            }
            assertScimError(() -> normalizer.normalize(ResourceKind.USER, null), "invalidSyntax");
        }

        @Test
        void pathMustBeAStringAndParse() {
            assertScimError(() -> normalize("{\"Operations\":[{\"op\":\"add\",\"path\":3,\"value\":1}]}"),
                    "invalidPath");
            assertScimError(() -> normalize("{\"Operations\":[{\"op\":\"add\",\"path\":\"a b\",\"value\":1}]}"),
                    "invalidPath");
        }

        @Test
        void pathlessRemoveIsNoTarget() {
            assertScimError(() -> normalize("{\"Operations\":[{\"op\":\"Remove\"}]}"), "noTarget");
        }

        @Test
        void pathlessAddNeedsAnObject() {
            assertScimError(() -> normalize("{\"Operations\":[{\"op\":\"add\",\"value\":\"x\"}]}"), "invalidValue");
        }
    }

    @Nested
    class PathlessValueMap {
        @Test
        void rfcNestedComplexMapMergesInsteadOfWiping() {
            ObjectNode out = user(storedUser(), """
                    {"Operations":[{"op":"replace","value":{"name":{"givenName":"Babs"}}}]}""");
            assertThat(out.get("name")).isEqualTo(
                    parse("{\"givenName\":\"Babs\",\"familyName\":\"Jensen\",\"formatted\":\"Barbara Jensen\"}"));
        }

        @Test
        void extensionObjectKeyExpandsPerAttribute() {
            NormalizedPatch p = normalize("""
                    {"Operations":[{"op":"replace","value":{
                      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R","costCenter":"C"}}}]}""");
            assertThat(p.operations()).extracting(o -> o.path().attribute().attribute())
                    .containsExactly("department", "costCenter");
            assertThat(p.quirks()).contains(EntraQuirk.EXTENSION_OBJECT_IN_MAP);
            ObjectNode out = user(storedUser(), """
                    {"Operations":[{"op":"replace","value":{
                      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R","manager":"7"}}}]}""");
            assertThat(out.get(EntraUserPatchFixturesTest.ENTERPRISE))
                    .isEqualTo(parse("{\"department\":\"R\",\"manager\":{\"value\":\"7\"}}"));
        }

        @Test
        void idSchemasAndMetaKeysAreIgnored() {
            NormalizedPatch p = normalize("""
                    {"Operations":[{"op":"replace","value":{"id":"other","schemas":[],"meta":{},"title":"T"}}]}""");
            assertThat(p.operations()).singleElement()
                    .satisfies(o -> assertThat(o.path().attribute().attribute()).isEqualTo("title"));
        }

        @Test
        void coreSchemaUrnKeyIsTheResourceItself() {
            ObjectNode out = user(storedUser(), """
                    {"Operations":[{"op":"add","value":{"urn:ietf:params:scim:schemas:core:2.0:User":{"title":"T"}}}]}""");
            assertThat(out.get("title").asText()).isEqualTo("T");
        }

        @Test
        void caseInsensitiveKeysResolveToCanonicalNames() {
            ObjectNode out = user(storedUser(), """
                    {"Operations":[{"op":"replace","value":{"DISPLAYNAME":"D","Name.GivenName":"G","Active":"false"}}]}""");
            assertThat(out.get("displayName").asText()).isEqualTo("D");
            assertThat(out.get("name").get("givenName").asText()).isEqualTo("G");
            assertThat(out.get("active").booleanValue()).isFalse();
            assertThat(out.has("DISPLAYNAME")).isFalse();
        }

        @Test
        void unknownKeyIsInvalidPath() {
            assertScimError(() -> user(storedUser(), "{\"Operations\":[{\"op\":\"replace\",\"value\":{\"foo\":1}}]}"),
                    "invalidPath");
        }
    }
}
