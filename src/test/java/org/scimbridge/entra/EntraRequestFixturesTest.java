package org.scimbridge.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimbridge.testsupport.Json;
import org.scimbridge.testsupport.ScimClient;
import org.scimbridge.testsupport.ScimClient.Response;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Replays every GET, POST and DELETE fixture of {@code src/test/resources/entra/fixtures} as Entra sends it (method, path,
 * query, Content-Type, body) and checks the documented status and shape (docs/entra/REPORT.md §6). Resources a fixture
 * reads or deletes by id are created first, and the fixture's foreign id replaced by ours.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EntraRequestFixturesTest {

    @LocalServerPort
    int port;

    ScimClient rfcDir;

    @BeforeEach
    void client() {
        // a directory no other test class writes to: the fixtures use fixed userNames and group names
        rfcDir = new ScimClient(port, "rfc-dir", "rfc-token");
    }

    @ParameterizedTest(name = "fixture {0}")
    @ValueSource(ints = {1, 2, 4, 5, 6, 8, 34, 44, 45})
    void queriesAnswerAsEntraExpects(int number) {
        JsonNode fixture = Json.fixture(number);
        Response r = replay(fixture, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(fixture.at("/expect/status").asInt());
        assertThat(r.header("Content-Type")).startsWith("application/scim+json");
        if (r.status() == 404) {
            assertThat(r.json().get("schemas").get(0).asText()).endsWith(":Error");
            assertThat(r.json().get("status").asText()).isEqualTo("404");
            return;
        }
        JsonNode body = r.json();
        if (fixture.get("path").asText().equals("/Schemas")) {
            assertThat(body.get("Resources")).extracting(s -> s.get("id").asText()).contains(
                    "urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        }
        assertThat(body.get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(body.get("totalResults").isIntegralNumber()).isTrue();
        assertThat(body.get("Resources").isArray()).isTrue();
        assertThat(body.get("itemsPerPage").asInt()).isEqualTo(body.get("Resources").size());
        String startIndex = fixture.path("query").path("startIndex").asText("1");
        assertThat(body.get("startIndex").asText()).isEqualTo(startIndex);
        body.get("Resources").forEach(res -> assertThat(res.has("members")).isFalse());
    }

    @ParameterizedTest(name = "fixture {0}")
    @ValueSource(ints = {9, 10, 11, 32, 33})
    void createsAnswer201WithIdAndMeta(int number) {
        JsonNode fixture = Json.fixture(number);
        Response r = replay(fixture, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("id").asText()).isNotBlank();
        assertThat(r.header("Location")).endsWith("/" + body.get("id").asText());
        assertThat(body.at("/meta/location").asText()).isEqualTo(r.header("Location"));
        if (body.has("active")) {
            assertThat(body.get("active").isBoolean()).as("active as a JSON boolean").isTrue();
        }
        if (body.has("members")) {
            assertThat(body.get("members")).isEmpty();
        }
        JsonNode read = rfcDir.get(fixture.get("path").asText() + "/" + body.get("id").asText()).json();
        assertThat(read.get("id")).isEqualTo(body.get("id"));
    }

    @Test
    void createdUserIsFoundByEachMatchingFilterAndById() {
        ScimClient tenantB = new ScimClient(port, "tenant-b", "tenant-b-token"); // fixture 9 also runs above
        JsonNode create = Json.fixture(9);
        String id = replay(tenantB, create, null).id();
        JsonNode found = replay(tenantB, Json.fixture(3), null).json();
        assertThat(found.get("totalResults").asInt()).isEqualTo(1);
        assertThat(found.at("/Resources/0/id").asText()).isEqualTo(id);
        Response byId = replay(tenantB, Json.fixture(7), id);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().get("userName").asText()).isEqualTo(create.at("/body/userName").asText());
        String externalId = create.at("/body/externalId").asText();
        assertThat(tenantB.get("/Users?filter=" + enc("externalId eq \"" + externalId + "\"")).json()
                .get("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void groupIsReadWithoutMembersWhenExcluded() {
        String member = rfcDir.post("/Users", "{\"userName\":\"m-" + UUID.randomUUID() + "\"}").id();
        String group = rfcDir.post("/Groups", "{\"displayName\":\"G-" + UUID.randomUUID() + "\",\"members\":[{\"value\":\""
                + member + "\"}]}").id();
        Response r = replay(Json.fixture(35), group);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(group);
        assertThat(r.json().has("members")).isFalse();
    }

    @ParameterizedTest(name = "fixture {0}")
    @ValueSource(ints = {31, 43})
    void deletesAnswer204AndTheResourceIsGone(int number) {
        JsonNode fixture = Json.fixture(number);
        String id = fixture.get("path").asText().startsWith("/Users")
                ? rfcDir.post("/Users", "{\"userName\":\"d-" + UUID.randomUUID() + "\"}").id()
                : rfcDir.post("/Groups", "{\"displayName\":\"d-" + UUID.randomUUID() + "\"}").id();
        Response r = replay(fixture, id);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        assertThat(replay(fixture, id).status()).isEqualTo(404);
    }

    /** Sends the fixture's request; {@code ourId} replaces the id at the end of its path. */
    private Response replay(JsonNode fixture, String ourId) {
        return replay(rfcDir, fixture, ourId);
    }

    private static Response replay(ScimClient client, JsonNode fixture, String ourId) {
        String path = fixture.get("path").asText();
        if (ourId != null) {
            path = path.substring(0, path.lastIndexOf('/') + 1) + ourId;
        }
        StringBuilder query = new StringBuilder();
        fixture.path("query").fields().forEachRemaining(q -> query.append(query.length() == 0 ? "?" : "&")
                .append(q.getKey()).append('=').append(enc(q.getValue().asText())));
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode body = fixture.get("body");
        if (body != null && !body.isNull()) {
            headers.put("Content-Type", fixture.at("/headers/Content-Type").asText("application/scim+json"));
        }
        return client.send(fixture.get("method").asText(), path + query,
                body == null || body.isNull() ? null : body.toString(), headers);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
