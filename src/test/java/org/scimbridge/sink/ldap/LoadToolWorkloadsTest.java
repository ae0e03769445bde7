package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * scripts/LoadTool.java, the benchmark tool, run as a process against this bridge: each workload must send what
 * the bridge accepts (every request answered as expected) and the LDAP check must see the run's end state. It lives
 * with the LDAP sink tests to share their Spring context, whose demo directory feeds the embedded server.
 */
class LoadToolWorkloadsTest extends LdapSinkTestBase {

    @LocalServerPort
    int port;

    @TempDir
    Path out;

    @TempDir
    static Path classes;

    /** Compiled once here, so each run is a plain java launch rather than a source-file compile. */
    @BeforeAll
    static void compileLoadTool() {
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "scripts/LoadTool.java");
        assertThat(status).as("javac scripts/LoadTool.java").isZero();
    }

    record Run(int exit, String output) {

        /** The fields of each RESULT line, by "stage/op". */
        Map<String, Map<String, String>> results() {
            Map<String, Map<String, String>> results = new HashMap<>();
            for (String line : output.split("\n")) {
                if (line.startsWith("RESULT stage=")) {
                    Map<String, String> fields = new HashMap<>();
                    for (String part : line.substring("RESULT ".length()).split(" ")) {
                        int eq = part.indexOf('=');
                        fields.put(part.substring(0, eq), part.substring(eq + 1));
                    }
                    results.put(fields.get("stage") + "/" + fields.get("op"), fields);
                }
            }
            return results;
        }
    }

    Run loadTool(String token, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", classes.toString(), "LoadTool", "--url", "http://127.0.0.1:" + port + "/scim/v2/demo",
                "--token", token, "--progress", "0"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the load tool ends").isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static void assertAnswered(Run run, String... stageOps) {
        Map<String, Map<String, String>> results = run.results();
        for (String stageOp : stageOps) {
            assertThat(results).as(run.output()).containsKey(stageOp);
            assertThat(results.get(stageOp).get("errors")).as(stageOp).isEqualTo("0");
            assertThat(Integer.parseInt(results.get(stageOp).get("count"))).as(stageOp).isPositive();
        }
    }

    @Test
    void entraIncrementalIsAnsweredAndLdapConvergesToItsEndState() throws Exception {
        Run run = loadTool("demo-token", "--workload", "entra-incremental", "--users", "25", "--groups", "4",
                "--group-size", "10", "--concurrency", "4", "--ldap-url", "ldap://localhost:" + PORT,
                "--ldap-bind-dn", "cn=admin,dc=example,dc=org", "--ldap-password", "admin",
                "--ldap-base", "dc=example,dc=org", "--ldap-timeout", "60");

        assertThat(run.exit()).as(run.output()).isZero();
        assertAnswered(run, "setup-users/match-user", "setup-users/create-user", "setup-groups/match-group",
                "setup-groups/create-group", "setup-memberships/member-add-1", "setup-memberships/member-add-batch",
                "setup-managers/manager", "incremental/patch-default", "incremental/patch-flag",
                "incremental/disable", "incremental/enable", "incremental/member-remove", "ldap/converged");
        // 4 groups of 10 make 40 memberships; users 4, 9, 14, 19, 24 each leave one group
        assertThat(run.output()).contains("waiting for 25 users, 4 groups, 35 memberships");
    }

    @Test
    void phasesAndMixedReadAnswerEveryRequest() throws Exception {
        Run phases = loadTool("demo-token", "--workload", "phases", "--users", "20", "--warmup", "5");
        assertThat(phases.exit()).as(phases.output()).isZero();
        assertAnswered(phases, "create/create", "find/find", "patch-active/patch-active", "page/page");

        Run reads = loadTool("demo-token", "--workload", "mixed-read", "--users", "20", "--groups", "2",
                "--group-size", "5", "--requests", "200");
        assertThat(reads.exit()).as(reads.output()).isZero();
        assertAnswered(reads, "reads/filter-userName", "reads/get-by-id", "reads/filter-externalId",
                "reads/filter-work-email", "reads/page", "reads/filter-group");
    }

    @Test
    void aRunWithAWrongTokenFails() throws Exception {
        Run run = loadTool("not-the-token", "--workload", "phases", "--users", "3");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.results().get("create/create").get("errors")).isEqualTo("3");
        assertThat(run.output()).contains("401").contains("FAILED: ");
    }

    @Test
    void costCurveWritesItsTableAndAPlot() throws Exception {
        Run run = loadTool("demo-token", "--workload", "cost-curve", "--sizes", "10,20", "--group-sizes", "5,10",
                "--samples", "2", "--delete-samples", "1", "--out", out.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        String csv = Files.readString(out.resolve("cost-curve.csv"));
        assertThat(csv).contains("20,GET filter userName eq,2,").contains("20,\"add one member, group of 10\",")
                .contains("20,DELETE a user in 100 groups,1,");
        assertThat(Files.readString(out.resolve("cost-curve.md"))).contains("| 10 users | 20 users |");
        BufferedImage plot = ImageIO.read(out.resolve("cost-curve.png").toFile());
        assertThat(plot.getWidth()).isEqualTo(1100);
        assertThat(plot.getHeight()).isEqualTo(700);
    }
}
