package org.scimbridge.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route file is valid against the Camel YAML DSL schema that ships in {@code camel-yaml-dsl}
 * ({@code schema/camelYamlDsl.json}), the schema Camel JBang, Karavan, Kaoto and the VS Code Camel extension use
 * to open a file. The bridge's own loader is more lenient than the schema, so a file it runs can still be one
 * these tools refuse or show wrongly; this test keeps the two in step.
 */
class RouteSchemaTest {

    private static final Path ROUTES = Path.of("routes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = RouteSchemaTest.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
            assertThat(in).as("schema/camelYamlDsl.json in camel-yaml-dsl").isNotNull();
            // the Camel schema marks options "deprecated" (a draft 2019-09 annotation, unknown to draft 4): known
            // here as the annotation it is, instead of the validator warning that it does not know the keyword
            JsonMetaSchema v4 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                    .keyword(new NonValidationKeyword("deprecated")).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, f -> f.metaSchema(v4)).getSchema(in);
        }
    }

    static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    @Test
    void everyRouteFileIsChecked() throws IOException {
        assertThat(routeFiles()).extracting(p -> p.getFileName().toString())
                .contains("scim-api.camel.yaml", "scim-errors.camel.yaml", "scim-users.camel.yaml",
                        "scim-groups.camel.yaml", "scim-discovery.camel.yaml", "sink-ldap.camel.yaml");
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void routeFileMatchesTheCamelYamlDslSchema(Path file) throws IOException {
        JsonNode routes = YAML.readTree(file.toFile());
        Set<ValidationMessage> errors = schema.validate(routes);
        assertThat(errors).as(file + " against camelYamlDsl.json").isEmpty();
    }

    @Test
    void theSchemaRefusesWhatTheToolsWouldRefuse() throws IOException {
        JsonNode unknownStep = YAML.readTree("""
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                      steps:
                        - processs:
                            ref: typo
                """);
        assertThat(schema.validate(unknownStep)).isNotEmpty();
    }
}
