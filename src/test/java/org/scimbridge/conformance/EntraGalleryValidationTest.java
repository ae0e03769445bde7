package org.scimbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.ScimClient;
import org.scimbridge.testsupport.ScimClient.Response;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The direct SCIM tests of Microsoft's Entra gallery validation (the Logic App in
 * {@code conformance/microsoft-entra-logicapp-validation}, SCIMTests_Workflow.json), ported: the eight that
 * call the SCIM endpoint themselves rather than through the Entra provisioning engine, plus the onboarding
 * checklist's multi-member group PATCH and its 25 requests/s, asserted as behaviour (concurrent requests all
 * succeed), not as timing. Each test is named after the Logic App test it ports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EntraGalleryValidationTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @LocalServerPort
    int port;

    ScimClient scim;
    String run;

    @BeforeEach
    void client() {
        scim = new ScimClient(port, "demo", "demo-token");
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    /** #15: every attribute Entra's default mappings target is in /Schemas, flattened as the Logic App does. */
    @Test
    void schemaDiscoverabilityTest() {
        Response schemas = scim.get("/Schemas");
        assertThat(schemas.status()).as(schemas.toString()).isEqualTo(200);

        Set<String> user = new HashSet<>();
        Set<String> group = new HashSet<>();
        for (JsonNode schema : schemas.json().path("Resources")) {
            String id = schema.path("id").asText();
            if (id.equals("urn:ietf:params:scim:schemas:core:2.0:User")) {
                flatten(schema.path("attributes"), "", user);
            } else if (id.equals(ENTERPRISE)) {
                flatten(schema.path("attributes"), ENTERPRISE + ":", user);
            } else if (id.equals("urn:ietf:params:scim:schemas:core:2.0:Group")) {
                flatten(schema.path("attributes"), "", group);
            }
        }
        // The targets of Entra's default attribute mappings for a SCIM app (REPORT §2), case-insensitive.
        assertThat(user).contains("username", "active", "displayname", "title", "preferredlanguage",
                "name.givenname", "name.familyname", "name.formatted",
                "emails[type eq \"work\"].value",
                "addresses[type eq \"work\"].formatted", "addresses[type eq \"work\"].streetaddress",
                "addresses[type eq \"work\"].locality", "addresses[type eq \"work\"].region",
                "addresses[type eq \"work\"].postalcode", "addresses[type eq \"work\"].country",
                "phonenumbers[type eq \"work\"].value", "phonenumbers[type eq \"mobile\"].value",
                "phonenumbers[type eq \"fax\"].value",
                lower(ENTERPRISE) + ":employeenumber", lower(ENTERPRISE) + ":department",
                lower(ENTERPRISE) + ":manager");
        assertThat(group).contains("displayname", "members");
    }

    /** #16: PATCH to "" and then to null on each mapped attribute answers 200, and the values are gone. */
    @Test
    void scimNullUpdateTest() {
        String id = createUser("scnull-" + run);
        List<String> targets = List.of("displayName", "title", "name.givenName", "emails[type eq \"work\"].value",
                "phoneNumbers[type eq \"mobile\"].value", ENTERPRISE + ":department");

        Response emptyStrings = scim.patch("/Users/" + id, patch(targets, "\"\""));
        assertThat(emptyStrings.status()).as(emptyStrings.toString()).isIn(200, 204);
        assertAllNullOrEmpty(scim.get("/Users/" + id).json());

        Response nulls = scim.patch("/Users/" + id, patch(targets, "null"));
        assertThat(nulls.status()).as(nulls.toString()).isEqualTo(200);
        assertAllNullOrEmpty(scim.get("/Users/" + id).json());

        assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);
    }

    /** #17: a well-formed user POSTed directly answers 201 with the resource and its id. */
    @Test
    void scimUserCreateTest() {
        Response created = scim.post("/Users", userBody("direct-" + run));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("id").asText()).isNotBlank();
        assertThat(created.json().path("userName").asText()).isEqualTo("direct-" + run + "@test.com");
        assertThat(created.header("Content-Type")).startsWith("application/scim+json");
        assertThat(scim.delete("/Users/" + created.id()).status()).isEqualTo(204);
    }

    /** #18: "Replace" (Entra's capitalised op) of each typed attribute with upd-xxxx; GET shows the new values. */
    @Test
    void scimUserUpdateTest() {
        String id = createUser("upd-" + run);
        String value = "upd-" + run;
        Response patched = scim.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"Replace","path":"displayName","value":"%1$s"},
                  {"op":"Replace","path":"title","value":"%1$s"},
                  {"op":"Replace","path":"name.familyName","value":"%1$s"},
                  {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"%1$s@test.com"},
                  {"op":"Replace","path":"%2$s:department","value":"%1$s"}]}""".formatted(value, ENTERPRISE));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

        JsonNode user = scim.get("/Users/" + id).json();
        assertThat(user.path("displayName").asText()).isEqualTo(value);
        assertThat(user.path("title").asText()).isEqualTo(value);
        assertThat(user.path("name").path("familyName").asText()).isEqualTo(value);
        assertThat(workEmail(user)).isEqualTo(value + "@test.com");
        assertThat(user.path(ENTERPRISE).path("department").asText()).isEqualTo(value);
        assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);
    }

    /** #19: a group POSTed directly answers 201 with its id. */
    @Test
    void scimGroupCreateTest() {
        Response created = scim.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
                 "displayName":"LASGroup-%1$s","externalId":"%1$s"}""".formatted(run));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("id").asText()).isNotBlank();
        assertThat(created.json().path("displayName").asText()).isEqualTo("LASGroup-" + run);
        assertThat(scim.delete("/Groups/" + created.id()).status()).isEqualTo(204);
    }

    /**
     * #20 and the checklist's multi-member PATCH: Replace of displayName and externalId, then one operation
     * adding three members and one removing one of them. Groups answer PATCH with 204 (Entra's own examples).
     */
    @Test
    void scimGroupUpdateTest() {
        String groupId = scim.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
                 "displayName":"LASUpdGroup-%1$s","externalId":"%1$s"}""".formatted(run)).id();
        String value = "upd-" + run;
        Response renamed = scim.patch("/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"Replace","path":"displayName","value":"%1$s"},
                  {"op":"Replace","path":"externalId","value":"%1$s-ext"}]}""".formatted(value));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(204);
        JsonNode group = scim.get("/Groups/" + groupId).json();
        assertThat(group.path("displayName").asText()).isEqualTo(value);
        assertThat(group.path("externalId").asText()).isEqualTo(value + "-ext");

        List<String> users = List.of(createUser("m1-" + run), createUser("m2-" + run), createUser("m3-" + run));
        Response added = scim.patch("/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"Add","path":"members","value":[{"value":"%s"},{"value":"%s"},{"value":"%s"}]}]}"""
                .formatted(users.get(0), users.get(1), users.get(2)));
        assertThat(added.status()).as(added.toString()).isEqualTo(204);
        assertThat(memberIds(scim.get("/Groups/" + groupId).json())).containsExactlyInAnyOrderElementsOf(users);

        Response removed = scim.patch("/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"Remove","path":"members","value":[{"value":"%s"}]}]}""".formatted(users.get(1)));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(memberIds(scim.get("/Groups/" + groupId).json()))
                .containsExactlyInAnyOrder(users.get(0), users.get(2));

        assertThat(scim.delete("/Groups/" + groupId).status()).isEqualTo(204);
        users.forEach(u -> assertThat(scim.delete("/Users/" + u).status()).isEqualTo(204));
    }

    /** #21: with at least 11 users, /Users?startIndex=N&count=5 walks every page and finds each user once. */
    @Test
    void scimUserPaginationTest() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            created.add(createUser("paguser" + i + "-" + run));
        }
        assertPagesCover("/Users", created);
        created.forEach(u -> assertThat(scim.delete("/Users/" + u).status()).isEqualTo(204));
    }

    /** #22: the same for /Groups. */
    @Test
    void scimGroupPaginationTest() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Response g = scim.post("/Groups", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
                     "displayName":"PagGroup %d %s","externalId":"pag-%d-%s"}""".formatted(i, run, i, run));
            assertThat(g.status()).as(g.toString()).isEqualTo(201);
            created.add(g.id());
        }
        assertPagesCover("/Groups", created);
        created.forEach(g -> assertThat(scim.delete("/Groups/" + g).status()).isEqualTo(204));
    }

    /**
     * The onboarding checklist's "≥ 25 requests/s", as behaviour: 50 requests in flight at once (creates,
     * filtered reads and PATCHes, as a provisioning cycle sends them) all succeed, none is refused or lost.
     */
    @Test
    void fiftyConcurrentRequestsAllSucceed() throws Exception {
        List<String> seeded = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            seeded.add(createUser("load-seed" + i + "-" + run));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                Callable<Response> call = switch (n % 3) {
                    case 0 -> () -> scim.post("/Users", userBody("load" + n + "-" + run));
                    case 1 -> () -> scim.filter("/Users",
                            "userName eq \"load-seed" + (n % 10) + "-" + run + "@test.com\"");
                    default -> () -> scim.patch("/Users/" + seeded.get(n % 10), """
                            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                             "Operations":[{"op":"Replace","path":"title","value":"t%d"}]}""".formatted(n));
                };
                results.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<String> createdIds = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                Response r = results.get(i).get(60, TimeUnit.SECONDS);
                int expected = switch (i % 3) {
                    case 0 -> 201;
                    default -> 200;
                };
                assertThat(r.status()).as("request %d: %s", i, r).isEqualTo(expected);
                if (i % 3 == 0) {
                    createdIds.add(r.id());
                } else if (i % 3 == 1) {
                    assertThat(r.json().path("totalResults").asInt()).as(r.toString()).isEqualTo(1);
                }
            }
            createdIds.forEach(u -> assertThat(scim.delete("/Users/" + u).status()).isEqualTo(204));
        } finally {
            pool.shutdownNow();
        }
        seeded.forEach(u -> assertThat(scim.delete("/Users/" + u).status()).isEqualTo(204));
    }

    private void assertPagesCover(String endpoint, List<String> created) {
        Set<String> seen = new LinkedHashSet<>();
        int pages = 0;
        int startIndex = 1;
        int total;
        do {
            Response page = scim.get(endpoint + "?startIndex=" + startIndex + "&count=5");
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode list = page.json();
            total = list.path("totalResults").asInt();
            assertThat(total).isGreaterThanOrEqualTo(11);
            assertThat(list.path("startIndex").asInt()).isEqualTo(startIndex);
            int expected = Math.min(5, total - startIndex + 1);
            assertThat(list.path("itemsPerPage").asInt()).isEqualTo(expected);
            assertThat(list.path("Resources")).hasSize(expected);
            list.path("Resources").forEach(r -> assertThat(seen.add(r.path("id").asText()))
                    .as("%s appears on two pages", r.path("id").asText()).isTrue());
            pages++;
            startIndex += 5;
        } while (startIndex <= total);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(seen).hasSize(total).containsAll(created);
    }

    private String createUser(String name) {
        Response r = scim.post("/Users", userBody(name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.id();
    }

    /** The body the Logic App builds from Entra's default mappings (Initialization_Workflow's scimUserBody). */
    private static String userBody(String name) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%2$s"],
                 "userName":"%1$s@test.com","active":true,"externalId":"%1$s","displayName":"Test %1$s",
                 "title":"Engineer","name":{"givenName":"Test","familyName":"%1$s"},
                 "emails":[{"type":"work","value":"%1$s@test.com","primary":true}],
                 "phoneNumbers":[{"type":"mobile","value":"+1 555 0100"}],
                 "%2$s":{"department":"Dept-%1$s","employeeNumber":"42"}}""".formatted(name, ENTERPRISE);
    }

    private static String patch(List<String> paths, String jsonValue) {
        StringBuilder ops = new StringBuilder();
        for (String path : paths) {
            ops.append(ops.length() == 0 ? "" : ",").append("{\"op\":\"replace\",\"path\":\"")
                    .append(path.replace("\"", "\\\"")).append("\",\"value\":").append(jsonValue).append('}');
        }
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + ops + "]}";
    }

    private static void assertAllNullOrEmpty(JsonNode user) {
        assertThat(user.path("displayName").asText("")).as(user.toString()).isEmpty();
        assertThat(user.path("title").asText("")).as(user.toString()).isEmpty();
        assertThat(user.path("name").path("givenName").asText("")).as(user.toString()).isEmpty();
        assertThat(workEmail(user)).as(user.toString()).isEmpty();
        for (JsonNode phone : user.path("phoneNumbers")) {
            if (phone.path("type").asText().equals("mobile")) {
                assertThat(phone.path("value").asText("")).as(user.toString()).isEmpty();
            }
        }
        assertThat(user.path(ENTERPRISE).path("department").asText("")).as(user.toString()).isEmpty();
    }

    private static String workEmail(JsonNode user) {
        for (JsonNode email : user.path("emails")) {
            if (email.path("type").asText().equals("work")) {
                return email.path("value").asText("");
            }
        }
        return "";
    }

    private static List<String> memberIds(JsonNode group) {
        List<String> ids = new ArrayList<>();
        group.path("members").forEach(m -> ids.add(m.path("value").asText()));
        return ids;
    }

    /** Attribute names as the Logic App flattens /Schemas: sub-attributes dotted, typed multi-values filtered. */
    private static void flatten(JsonNode attributes, String prefix, Set<String> out) {
        for (JsonNode attribute : attributes) {
            String name = prefix + attribute.path("name").asText();
            out.add(lower(name));
            JsonNode subs = attribute.path("subAttributes");
            List<String> types = new ArrayList<>();
            for (JsonNode sub : subs) {
                if (sub.path("name").asText().equals("type")) {
                    sub.path("canonicalValues").forEach(t -> types.add(t.asText()));
                }
            }
            for (JsonNode sub : subs) {
                String subName = sub.path("name").asText();
                out.add(lower(name + "." + subName));
                for (String type : types) {
                    out.add(lower(name + "[type eq \"" + type + "\"]." + subName));
                }
            }
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }
}
