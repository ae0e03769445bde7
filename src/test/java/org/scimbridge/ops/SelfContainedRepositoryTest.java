package org.scimbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Everything a reader or a contributor needs is in a clone: nothing points to the team's shared folder beside the
 * repository, and the external suites the conformance script runs are here, each with where it comes from.
 */
class SelfContainedRepositoryTest {

    private static final Pattern OUTSIDE = Pattern.compile("(\\.\\./)?shared/(entra|conformance|STYLE)");

    @Test
    void nothingPointsOutsideTheRepository() throws IOException {
        List<String> hits = new ArrayList<>();
        for (String root : List.of("README.md", "docs", "src", "scripts", ".ci", "routes", "conformance",
                "Dockerfile", "docker-compose.yml", "pom.xml")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text;
                    try {
                        text = Files.readString(file);
                    } catch (MalformedInputException binary) {
                        continue;
                    }
                    if (OUTSIDE.matcher(text).find()) {
                        hits.add(file.toString());
                    }
                }
            }
        }
        assertThat(hits).isEmpty();
    }

    @Test
    void theConformanceScriptReadsTheSuitesFromTheRepository() throws IOException {
        assertThat(Files.readString(Path.of("scripts/conformance.sh")))
                .contains("${SCIM_BRIDGE_CONFORMANCE_DIR:-$repo/conformance}");
        for (String suite : List.of("microsoft-scimreferencecode/PostmanCollection.json",
                "okta-scim-spec-test/Okta-SCIM-20-SPEC-Test.converted.postman_collection.json",
                "scimono-compliance-tests/tests-rfc-subset.0.0.24.csv", "tools/summarize.py", "tools/token_stub.py")) {
            assertThat(Path.of("conformance", suite)).isRegularFile();
        }
    }

    @Test
    void everyCarriedSuiteSaysWhereItComesFromAndUnderWhichLicence() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("conformance"))) {
            for (Path folder : folders.filter(Files::isDirectory).filter(f -> !f.endsWith("tools")).toList()) {
                assertThat(folder.resolve("SOURCE.md")).isRegularFile();
                assertThat(Files.readString(folder.resolve("SOURCE.md"))).containsIgnoringCase("licen");
            }
        }
        for (String copied : List.of("microsoft-scimreferencecode", "microsoft-entra-logicapp-validation",
                "okta-scim-spec-test")) {
            assertThat(Path.of("conformance", copied, "LICENSE")).isRegularFile();
        }
        assertThat(Path.of("docs/entra/REPORT.md")).isRegularFile();
        assertThat(Path.of("docs/entra/SOURCES.md")).isRegularFile();
    }
}
