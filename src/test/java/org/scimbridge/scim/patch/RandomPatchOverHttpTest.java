package org.scimbridge.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimbridge.testsupport.ScimClient;
import org.scimbridge.testsupport.ScimClient.Response;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The seeded random PATCH bodies of {@link PatchFuzzTest}, sent over HTTP to a stored user and a stored group:
 * never a 5xx, every refusal a SCIM error body, and a refused PATCH leaves the stored resource byte for byte as
 * it was (same version, same JSON, same members).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RandomPatchOverHttpTest {

    private static final int BODIES_PER_SEED = 60;

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void refusedPatchesChangeNothingAndNothingIsA500(long seed) {
        ScimClient demo = new ScimClient(port, "demo", "demo-token");
        Random random = new Random(seed);
        String member = demo.post("/Users", "{\"userName\":\"m-" + UUID.randomUUID() + "\"}").id();
        String user = demo.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"fuzz-%s","displayName":"F",
                 "emails":[{"type":"work","value":"f@example.com","primary":true}],"name":{"givenName":"F"}}"""
                .formatted(UUID.randomUUID())).id();
        String group = demo.post("/Groups", "{\"displayName\":\"fuzz-" + UUID.randomUUID() + "\",\"members\":[{\"value\":\""
                + member + "\"}]}").id();
        int refused = 0;
        for (int i = 0; i < BODIES_PER_SEED; i++) {
            String path = (i % 2 == 0 ? "/Users/" + user : "/Groups/" + group);
            String body = PatchFuzzTest.randomPatch(random).toString();
            JsonNode before = demo.get(path).json();
            Response r = demo.patch(path, body);
            assertThat(r.status()).as("seed %d body %s -> %s", seed, body, r).isLessThan(500);
            if (r.status() >= 400) {
                refused++;
                assertThat(r.json().get("schemas").get(0).asText()).endsWith(":Error");
                assertThat(demo.get(path).json()).as("refused: %s", body).isEqualTo(before);
            }
        }
        assertThat(refused).as("the generator makes broken bodies too").isGreaterThan(10);
    }
}
