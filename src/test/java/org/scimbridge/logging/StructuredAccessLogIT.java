package org.scimbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimbridge.testsupport.Json;
import org.scimbridge.testsupport.ScimClient;
import org.scimbridge.testsupport.ScimClient.Response;

/**
 * The packaged bridge started the way an operator turns on structured logs
 * ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}), taken through a full Entra-like run: create, read, patch,
 * list, filter, delete, a 401 with a wrong token, a 400 with a broken filter, a token in the query string. Its
 * log, read back line by line as JSON, has one access line per request with the request's own id, the request
 * context on the lines logged while a route ran, and no token, password or query secret anywhere.
 */
class StructuredAccessLogIT {

    private static final String TOKEN = "it-token-" + UUID.randomUUID();
    private static final String WRONG_TOKEN = "wrong-token-" + UUID.randomUUID();
    private static final String PASSWORD = "Pw-" + UUID.randomUUID();
    private static final String QUERY_SECRET = "query-secret-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private Process bridge;
    private final List<String> sentIds = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (bridge != null) {
            bridge.destroy();
            bridge.waitFor();
        }
    }

    @Test
    void fullRunLogsOneEcsAccessLinePerRequestAndNoSecret() throws Exception {
        int port = freePort();
        Path log = dir.resolve("bridge.log");
        start(port, log);
        ScimClient scim = new ScimClient(port, "logs", TOKEN);

        Response created = send(scim, "POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada@contoso.com",
                 "password":"%s","active":"True","name":{"givenName":"Ada","familyName":"Lovelace"}}
                """.formatted(PASSWORD), 201);
        String id = created.id();
        send(scim, "GET", "/Users/" + id, null, 200);
        send(scim, "PATCH", "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"active","value":"False"},
                               {"op":"replace","path":"password","value":"%s"}]}""".formatted(PASSWORD), 200);
        send(scim, "GET", "/Users?startIndex=1&count=10", null, 200);
        send(scim, "GET", "/Users?filter=userName+eq+%22ada@contoso.com%22&access_token=" + QUERY_SECRET, null, 200);
        send(scim.withToken(WRONG_TOKEN), "GET", "/Users", null, 401);
        send(scim, "GET", "/Users?filter=userName+eq", null, 400);
        send(scim, "DELETE", "/Users/" + id, null, 204);

        List<JsonNode> lines = awaitAccessLines(log, sentIds.size());
        String text = Files.readString(log);

        assertThat(text).doesNotContain(TOKEN).doesNotContain(WRONG_TOKEN).doesNotContain(PASSWORD)
                .doesNotContain(QUERY_SECRET);

        List<JsonNode> access = lines.stream()
                .filter(l -> AccessLogFilter.LOGGER.equals(l.path("log").path("logger").asText())).toList();
        assertThat(access).extracting(l -> l.path("requestId").asText()).containsExactlyElementsOf(sentIds);
        assertThat(access).extracting(l -> l.path("http").path("response").path("status_code").asInt())
                .containsExactly(201, 200, 200, 200, 200, 401, 400, 204);
        assertThat(access).allSatisfy(l -> {
            assertThat(l.path("directory").asText()).isEqualTo("logs");
            assertThat(l.path("url").path("path").asText()).startsWith("/scim/v2/logs/Users").doesNotContain("?");
            assertThat(l.path("http").path("request").path("method").asText()).isNotBlank();
            assertThat(l.path("event").path("duration").asLong()).isPositive();
        });
        assertThat(access.get(2).path("operation").asText()).isEqualTo("scim-users-patch");
        assertThat(access.get(2).path("resourceId").asText()).isEqualTo(id);

        // A line logged by a processor while the PATCH route ran, on platform-http's own thread, has the context.
        JsonNode quirks = lines.stream().filter(l -> l.path("message").asText().contains("used Entra quirks"))
                .findFirst().orElseThrow(() -> new AssertionError("no quirk line in\n" + text));
        assertThat(quirks.path("requestId").asText()).isEqualTo(sentIds.get(2));
        assertThat(quirks.path("operation").asText()).isEqualTo("scim-users-patch");
        assertThat(quirks.path("directory").asText()).isEqualTo("logs");
        assertThat(quirks.path("resourceId").asText()).isEqualTo(id);
    }

    private Response send(ScimClient scim, String method, String path, String body, int expected) {
        String requestId = "it-" + sentIds.size() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Response response = scim.send(method, path, body, Map.of(RequestIds.HEADER, requestId));
        assertThat(response.status()).as(method + " " + path + ": " + response).isEqualTo(expected);
        assertThat(response.raw().headers().allValues(RequestIds.HEADER)).containsExactly(requestId);
        sentIds.add(requestId);
        return response;
    }

    private static List<JsonNode> awaitAccessLines(Path log, int expected) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<JsonNode> parsed = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("{")) {
                    parsed.add(Json.parse(line));
                }
            }
            return parsed;
        }, parsed -> parsed.stream()
                .filter(l -> AccessLogFilter.LOGGER.equals(l.path("log").path("logger").asText())).count() >= expected);
    }

    private void start(int port, Path log) throws Exception {
        int managementPort = freePort();
        File[] jars = new File("target").listFiles((d, n) -> n.startsWith("scim-bridge-") && n.endsWith(".jar"));
        assertThat(jars).as("mvn package builds target/scim-bridge-*.jar before the ITs run").isNotEmpty();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jars[0].getAbsolutePath(),
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--scim-bridge.directories.logs.token=" + TOKEN,
                "--scim-bridge.directories.demo.sinks=",
                "--scim-bridge.embedded-ldap.enabled=false",
                "--camel.main.routes-include-pattern=file:" + new File("routes").getAbsolutePath() + "/*.camel.yaml",
                "--logging.level.org.scimbridge=DEBUG")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        bridge = builder.start();
        ScimClient health = new ScimClient("http://localhost:" + managementPort + "/actuator", null);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            if (!bridge.isAlive()) {
                throw new IllegalStateException("bridge exited: " + Files.readString(log));
            }
            return health.get("/health/readiness").text().contains("UP");
        });
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
