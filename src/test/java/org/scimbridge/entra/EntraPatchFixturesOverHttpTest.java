package org.scimbridge.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimbridge.scim.patch.MembersReplacePolicy;
import org.scimbridge.scim.patch.MemberRef;
import org.scimbridge.scim.patch.MembershipChange;
import org.scimbridge.scim.patch.PatchApplier;
import org.scimbridge.scim.patch.PatchResult;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.testsupport.Json;
import org.scimbridge.testsupport.ScimClient;
import org.scimbridge.testsupport.ScimClient.Response;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every PATCH fixture of {@code src/test/resources/entra/fixtures} (12-30, 36-42) sent over HTTP, to the Tenant URL with and
 * without {@code ?aadOptscim062020}. The fixture's foreign ids (its resource, members, managers) are replaced by
 * resources created here. The state read back by GET must be what the unit-tested PATCH engine computes for
 * the same body, must differ from the state before, and must not depend on the flag.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EntraPatchFixturesOverHttpTest {

    private static final Pattern MEMBER_FILTER = Pattern.compile("value eq \\\\?\"([^\"\\\\]+)\\\\?\"");

    @LocalServerPort
    int port;

    ScimClient demo;

    @BeforeEach
    void client() {
        demo = new ScimClient(port, "demo", "demo-token");
    }

    static Stream<Arguments> fixtures() {
        List<Arguments> all = new ArrayList<>();
        for (int n = 12; n <= 42; n++) {
            if (n >= 31 && n <= 35) {
                continue;
            }
            all.add(Arguments.of(n, ""));
            all.add(Arguments.of(n, "?aadOptscim062020"));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "fixture {0} {1}")
    @MethodSource("fixtures")
    void entraPatchFixtureLandsAsTheEngineComputes(int number, String query) {
        JsonNode fixture = Json.fixture(number);
        ResourceKind kind = fixture.get("path").asText().startsWith("/Groups") ? ResourceKind.GROUP
                : ResourceKind.USER;
        String body = fixture.get("body").toString();
        Map<String, String> foreign = foreignReferences(fixture.get("body"));
        Map<String, String> ours = new LinkedHashMap<>();
        for (String id : foreign.keySet()) {
            ours.put(id, createUser("ref").id());
        }
        String bystander = createUser("bystander").id();
        String targetId;
        if (kind == ResourceKind.USER) {
            targetId = createUser(number == 17 ? "inactive" : "target", number == 17 ? "false" : "true",
                    number == 23 ? bystander : null).id();
        } else {
            List<String> initial = new ArrayList<>(List.of(bystander));
            if (number == 39 || number == 40) {
                initial.addAll(ours.values());
            }
            targetId = createGroup(initial).id();
        }
        String fixtureTarget = fixture.get("path").asText().replaceAll(".*/", "");
        body = body.replace(fixtureTarget, targetId);
        for (Map.Entry<String, String> e : ours.entrySet()) {
            body = body.replace(e.getKey(), e.getValue());
        }

        if (kind == ResourceKind.GROUP) { // a rename must not collide with the same fixture's other run
            body = body.replace("updatedDisplayName\"", "updatedDisplayName-" + targetId + "\"")
                    .replace("Updated Group Name\"", "Updated Group Name " + targetId + "\"");
        }
        String path = "/" + kind.endpoint() + "/" + targetId;
        JsonNode before = demo.get(path).json();
        Response response = demo.patch(path + query, body);

        assertThat(response.status()).as(response.toString())
                .isEqualTo(kind == ResourceKind.USER ? 200 : 204);
        JsonNode after = demo.get(path).json();
        assertThat(after.at("/meta/version").asText()).isNotEqualTo(before.at("/meta/version").asText());
        NormalizedPatch normalized = new EntraPatchNormalizer().normalize(kind, Json.parse(body));
        PatchResult expected = new PatchApplier().apply(kind, withoutMembers(attributes(before)),
                normalized.operations(),
                MembersReplacePolicy.ENTRA);
        if (kind == ResourceKind.USER) {
            assertThat(attributes(after)).isEqualTo(expected.resource());
        } else {
            ObjectNode expectedGroup = expected.resource().deepCopy();
            assertThat(withoutMembers(attributes(after))).isEqualTo(expectedGroup);
            assertThat(members(after)).isEqualTo(applyMembership(members(before), expected.membershipChanges()));
        }
    }

    /** The ids a fixture names besides its own resource: managers and members. */
    private static Map<String, String> foreignReferences(JsonNode body) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode op : body.path("Operations")) {
            String path = op.path("path").asText("").toLowerCase();
            JsonNode value = op.get("value");
            if (path.endsWith("manager") && value != null) {
                if (value.isTextual() && !value.asText().isEmpty()) {
                    ids.put(value.asText(), "");
                }
                value.findValuesAsText("value").forEach(v -> ids.put(v, ""));
            }
            if (path.startsWith("members")) {
                if (value != null) {
                    value.findValuesAsText("value").forEach(v -> ids.put(v, ""));
                }
                Matcher m = MEMBER_FILTER.matcher(op.path("path").asText());
                while (m.find()) {
                    ids.put(m.group(1), "");
                }
            }
        }
        return ids;
    }

    private Response createUser(String prefix) {
        return createUser(prefix, "true", null);
    }

    private Response createUser(String prefix, String active, String managerId) {
        String name = prefix + "-" + UUID.randomUUID() + "@example.com";
        String manager = managerId == null ? "" : ",\"manager\":{\"value\":\"" + managerId + "\"}";
        Response r = demo.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName":"%s","active":%s,"displayName":"Before","nickName":"Nick",
                 "name":{"givenName":"Old","familyName":"Name","formatted":"Old Name"},
                 "emails":[{"type":"work","value":"old@example.com","primary":true}],
                 "phoneNumbers":[{"type":"mobile","value":"000"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Old"%s}}"""
                .formatted(name, active, manager));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r;
    }

    private Response createGroup(List<String> members) {
        StringBuilder m = new StringBuilder();
        members.forEach(id -> m.append(m.length() == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}"));
        Response r = demo.post("/Groups", "{\"displayName\":\"G-" + UUID.randomUUID() + "\",\"members\":[" + m + "]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r;
    }

    /** What the engine computes: without meta and the manager's $ref, which the bridge renders on reads. */
    private static ObjectNode attributes(JsonNode resource) {
        ObjectNode copy = resource.deepCopy();
        copy.remove("meta");
        if (copy.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").path("manager").isObject()) {
            ((ObjectNode) copy.get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").get("manager"))
                    .remove("$ref");
        }
        return copy;
    }

    private static ObjectNode withoutMembers(ObjectNode group) {
        group.remove("members");
        return group;
    }

    private static Set<String> members(JsonNode group) {
        Set<String> ids = new HashSet<>();
        group.path("members").forEach(m -> ids.add(m.get("value").asText()));
        return ids;
    }

    private static Set<String> applyMembership(Set<String> start, List<MembershipChange> changes) {
        Set<String> set = new LinkedHashSet<>(start);
        for (MembershipChange c : changes) {
            if (c instanceof MembershipChange.Add add) {
                add.members().stream().map(MemberRef::value).forEach(set::add);
            } else if (c instanceof MembershipChange.Remove remove) {
                remove.ids().forEach(set::remove);
            } else if (c instanceof MembershipChange.RemoveAll) {
                set.clear();
            } else if (c instanceof MembershipChange.ReplaceAll replace) {
                set.clear();
                replace.members().stream().map(MemberRef::value).forEach(set::add);
            }
        }
        return new HashSet<>(set);
    }
}
