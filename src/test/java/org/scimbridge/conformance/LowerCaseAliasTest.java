package org.scimbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.ScimClient;
import org.scimbridge.testsupport.ScimClient.Response;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Microsoft's SCIM reference collection calls {@code /users}: the bridge serves lower-case {@code /users} and
 * {@code /groups} as aliases of {@code /Users} and {@code /Groups}, and only those (docs/conformance.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LowerCaseAliasTest {

    @LocalServerPort
    int port;

    @Test
    void lowerCaseUsersIsTheUsersEndpoint() {
        ScimClient scim = new ScimClient(port, "demo", "demo-token");
        String name = "alias-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        Response created = scim.post("/users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s"}""".formatted(name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        // Resources still name their canonical location.
        assertThat(created.json().path("meta").path("location").asText()).endsWith("/Users/" + created.id());

        Response list = scim.get("/users");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("schemas").get(0).asText())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(scim.filter("/users", "userName eq \"" + name + "\"").json().path("totalResults").asInt())
                .isEqualTo(1);
        assertThat(scim.get("/users/" + created.id()).status()).isEqualTo(200);
        assertThat(scim.delete("/users/" + created.id()).status()).isEqualTo(204);
        assertThat(scim.get("/Users/" + created.id()).status()).isEqualTo(404);
    }

    @Test
    void lowerCaseGroupsIsTheGroupsEndpoint() {
        ScimClient scim = new ScimClient(port, "demo", "demo-token");
        Response created = scim.post("/groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"alias-%s"}"""
                .formatted(UUID.randomUUID()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(scim.get("/groups").status()).isEqualTo(200);
        assertThat(scim.get("/groups/" + created.id()).status()).isEqualTo(200);
        assertThat(scim.delete("/groups/" + created.id()).status()).isEqualTo(204);
    }

    @Test
    void noOtherAliasIsServed() {
        ScimClient scim = new ScimClient(port, "demo", "demo-token");
        // The reference collection's /serviceConfiguration is in no RFC: an accepted deviation, not an alias.
        assertThat(scim.get("/serviceConfiguration").status()).isEqualTo(404);
        assertThat(scim.get("/USERS").status()).isEqualTo(404);
    }
}
