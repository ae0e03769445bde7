package org.scimbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the README's "Run it in a container" section promises is what the Dockerfile and docker-compose.yml do:
 * the entry point, the port, the working directory with {@code routes/}, and the environment, every variable of
 * which the bridge reads (a misspelt variable in docker-compose.yml would otherwise be ignored without a word).
 * No Docker engine runs in CI: scripts/compose-check.sh validates the compose file, this checks the rest.
 */
class ContainerFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Read by the JVM itself, not by the bridge's configuration. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private static List<String> dockerfile;
    private static JsonNode bridgeService;
    private static String containerSection;
    private static Set<String> placeholders;

    @BeforeAll
    static void read() throws IOException {
        dockerfile = Files.readAllLines(Path.of("Dockerfile"));
        bridgeService = YAML.readTree(Path.of("docker-compose.yml").toFile()).path("services").path("bridge");
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Run it in a container");
        assertThat(start).as("README section \"Run it in a container\"").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        containerSection = readme.substring(start, end < 0 ? readme.length() : end);
        placeholders = new TreeSet<>();
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.yaml"))) {
            Matcher m = placeholder.matcher(line.replaceFirst("(^|\\s)#.*", ""));   // not in comments
            while (m.find()) {
                placeholders.add(m.group(1));
            }
        }
    }

    @Test
    void theReadmeNamesTheImagesEntryPoint() throws IOException {
        String entrypoint = instruction("ENTRYPOINT");
        List<String> command = new ArrayList<>();
        YAML.readTree(entrypoint).forEach(part -> command.add(part.asText()));
        assertThat(command).as("ENTRYPOINT in exec form").isNotEmpty();
        assertThat(containerSection).contains("`" + String.join(" ", command) + "`");
    }

    @Test
    void theReadmeAndComposePublishTheExposedPort() {
        String port = instruction("EXPOSE");
        assertThat(containerSection).contains("port `" + port + "`");
        assertThat(bridgeService.path("ports")).extracting(JsonNode::asText)
                .allSatisfy(mapping -> assertThat(mapping).endsWith(":" + port));
    }

    @Test
    void theHealthCheckAsksReadinessOnTheDefaultManagementPort() throws IOException {
        Matcher m = Pattern.compile("\\$\\{MANAGEMENT_PORT:([0-9]+)}")
                .matcher(Files.readString(Path.of("src/main/resources/application.yaml")));
        assertThat(m.find()).as("management.server.port: ${MANAGEMENT_PORT:...}").isTrue();
        String managementPort = m.group(1);
        assertThat(bridgeService.path("healthcheck").path("test").toString())
                .contains("/dev/tcp/127.0.0.1/" + managementPort).contains("/actuator/health/readiness");
        assertThat(containerSection).contains("`" + managementPort + "`");
    }

    @Test
    void theWorkingDirectoryHoldsTheRoutesWhereTheDefaultPatternLooks() throws IOException {
        String workdir = instruction("WORKDIR");
        assertThat(dockerfile).contains("COPY routes/ ./routes/");
        assertThat(Files.readString(Path.of("src/main/resources/application.yaml")))
                .contains("${SCIM_BRIDGE_ROUTES:file:routes/*.camel.yaml}");
        assertThat(containerSection).contains("`" + workdir + "`");
    }

    @Test
    void everyVariableComposeSetsIsOneTheBridgeReadsAndTheReadmeNames() {
        Set<String> composeVariables = new TreeSet<>();
        bridgeService.path("environment").fieldNames().forEachRemaining(composeVariables::add);
        assertThat(composeVariables).isNotEmpty();
        assertThat(composeVariables).as("read by application.yaml").allSatisfy(v ->
                assertThat(placeholders).contains(v));
        assertThat(composeVariables).allSatisfy(v -> assertThat(containerSection).contains("`" + v + "`"));
    }

    @Test
    void everyVariableTheReadmeTableNamesExists() {
        Matcher m = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)`", Pattern.MULTILINE).matcher(containerSection);
        Set<String> documented = new TreeSet<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).isNotEmpty();
        assertThat(documented).allSatisfy(v -> assertThat(placeholders.contains(v) || JVM_VARIABLES.contains(v))
                .as(v + " is a ${" + v + "} placeholder of application.yaml or a JVM variable").isTrue());
        for (String line : dockerfile) {
            if (line.startsWith("ENV ")) {
                String name = line.substring(4).split("=")[0].strip();
                assertThat(documented).as("Dockerfile ENV " + name).contains(name);
            }
        }
    }

    private static String instruction(String name) {
        return dockerfile.stream().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1).strip())
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("no " + name + " in Dockerfile"));
    }
}
