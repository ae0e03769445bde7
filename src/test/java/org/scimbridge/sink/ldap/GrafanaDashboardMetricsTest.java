package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.Json;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 12.2: every metric the Grafana dashboard ({@code docs/grafana/scim-bridge.json}) queries is scraped from
 * {@code /actuator/prometheus} of a running bridge, after Entra-shaped requests and a sink delivery, so a renamed
 * meter breaks this test rather than a panel nobody looks at.
 */
class GrafanaDashboardMetricsTest extends LdapSinkTestBase {

    static final Path DASHBOARD = Path.of("docs/grafana/scim-bridge.json");
    /** PromQL words that are not metric names. */
    static final Set<String> PROMQL = Set.of("sum", "rate", "irate", "increase", "histogram_quantile", "by",
            "without", "max", "min", "avg", "count", "label_values", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "topk", "bottomk", "clamp_min", "delta", "deriv", "abs", "offset");
    static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void everyMetricTheDashboardQueriesIsOnThePrometheusEndpoint() throws IOException {
        ScimClient scim = new ScimClient(port, "demo", "demo-token");
        String id = scim.post("/Users", "{\"userName\":\"dash-" + uid().substring(0, 8) + "\"}").id();
        scim.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
        awaitDemo();

        ScimClient.Response scrape = new ScimClient("http://localhost:" + managementPort + "/actuator", null)
                .get("/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        Set<String> scraped = new TreeSet<>();
        scrape.text().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            Matcher m = NAME.matcher(l);
            if (m.lookingAt()) {
                scraped.add(m.group());
            }
        });

        Set<String> queried = queriedMetrics(Json.parse(Files.readString(DASHBOARD)));
        assertThat(queried).as("the dashboard queries request, quirk and sink metrics")
                .contains("scim_bridge_requests_seconds_bucket", "scim_entra_quirks_total", "scim_bridge_sink_lag",
                        "scim_bridge_sink_changes_total", "scim_bridge_sink_parked");
        assertThat(scraped).containsAll(queried);
    }

    /** The metric names in every {@code expr} and templating {@code query} of the dashboard. */
    static Set<String> queriedMetrics(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> queries.add(e.asText()));
        dashboard.path("templating").path("list").forEach(v -> queries.add(v.path("definition").asText()));
        Set<String> names = new TreeSet<>();
        for (String q : queries) {
            String bare = q.replaceAll("\\{[^}]*}", " ")          // label matchers
                    .replaceAll("\\[[^]]*]", " ")                   // ranges
                    .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", " ") // grouping labels
                    .replaceAll("label_values\\(([^,]*),[^)]*\\)", "$1")
                    .replaceAll("\"[^\"]*\"", " ");
            Matcher m = NAME.matcher(bare);
            while (m.find()) {
                String word = m.group();
                if (!PROMQL.contains(word) && !word.matches("\\d.*")) {
                    names.add(word);
                }
            }
        }
        return names;
    }
}
