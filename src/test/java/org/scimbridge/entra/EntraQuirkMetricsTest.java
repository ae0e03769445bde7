package org.scimbridge.entra;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Each quirk a PATCH needed is counted per directory, so an operator sees which dialect a tenant speaks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EntraQuirkMetricsTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void eachDialectLeavesItsQuirksInTheMetric() {
        ScimClient client = new ScimClient(port, "tenant-b", "tenant-b-token");
        String id = client.post("/Users", "{\"userName\":\"q-" + UUID.randomUUID() + "\"}").id();
        double capitalized = count("CAPITALIZED_OP");
        double booleanString = count("BOOLEAN_AS_STRING");
        double pathless = count("PATHLESS_VALUE_MAP");

        client.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
        client.patch("/Users/" + id + "?aadOptscim062020", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"name.givenName":"Q","displayName":"Q"}}]}""");

        assertThat(count("CAPITALIZED_OP")).isEqualTo(capitalized + 1);
        assertThat(count("BOOLEAN_AS_STRING")).isEqualTo(booleanString + 1);
        assertThat(count("PATHLESS_VALUE_MAP")).isEqualTo(pathless + 1);
    }

    private double count(String quirk) {
        var counter = meters.find("scim.entra.quirks").tags("directory", "tenant-b", "quirk", quirk).counter();
        return counter == null ? 0 : counter.count();
    }
}
