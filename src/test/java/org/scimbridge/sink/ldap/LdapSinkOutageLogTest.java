package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.sink.SinkStreams;
import org.scimbridge.testsupport.ExpectedLog;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** While LDAP is down, each failed poll logs one concise WARN line (error and lag), and no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class LdapSinkOutageLogTest extends LdapSinkTestBase {

    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(SinkStreams.class).expect("^sink ldap-default poll failed, will retry: ");

    @Test
    void aTargetThatIsDownLogsOneLinePerFailedPollWithoutStackTraces(CapturedOutput output) throws Exception {
        awaitDemo();
        int from = output.length();
        embedded.stopListening();
        try {
            String id = uid();
            feed.user("demo", "CREATE", user(id, "quiet." + id.substring(0, 6), "Qui", "Et"));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> pollFailures().size() >= 3);
        } finally {
            embedded.startListening();
        }
        awaitDemo();
        String during = output.toString().substring(from);
        List<String> failures = pollFailures();
        assertThat(failures).hasSizeGreaterThanOrEqualTo(3).allSatisfy(line -> {
            assertThat(line).contains("CommunicationException");
            assertThat(line).containsPattern("\\(lag [1-9][0-9]* changes\\)");
        });
        assertThat(log.warningEvents()).as("each a WARN without a stack trace")
                .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull())
                .allSatisfy(e -> assertThat(e.getLevel()).hasToString("WARN"));
        assertThat(during).as("no stack trace while the target was down:\n%s", during)
                .doesNotContain("\tat ").doesNotContain("TimerConsumer");
        assertThat(during.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList())
                .as("warnings are the poll lines only").isEmpty();
        assertThat(log.warnings()).as("warnings are the poll lines only")
                .allMatch(w -> w.startsWith("sink ldap-default poll failed"));
    }

    private List<String> pollFailures() {
        return log.warnings().stream().filter(l -> l.startsWith("sink ldap-default poll failed")).toList();
    }
}
