package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** While LDAP is down, each failed poll logs one concise WARN line (error and lag), and no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class LdapSinkOutageLogTest extends LdapSinkTestBase {

    @Test
    void aTargetThatIsDownLogsOneLinePerFailedPollWithoutStackTraces(CapturedOutput output) throws Exception {
        awaitDemo();
        int from = output.length();
        embedded.stopListening();
        try {
            String id = uid();
            feed.user("demo", "CREATE", user(id, "quiet." + id.substring(0, 6), "Qui", "Et"));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> pollFailures(output.toString().substring(from)).size() >= 3);
        } finally {
            embedded.startListening();
        }
        awaitDemo();
        String during = output.toString().substring(from);
        List<String> failures = pollFailures(during);
        assertThat(failures).allSatisfy(line -> {
            assertThat(line).contains("WARN");
            assertThat(line).contains("CommunicationException");
            assertThat(line).containsPattern("\\(lag [1-9][0-9]* changes\\)");
        });
        assertThat(during).as("no stack trace while the target was down:\n%s", during)
                .doesNotContain("\tat ").doesNotContain("TimerConsumer");
        assertThat(during.lines().filter(l -> l.contains(" WARN ")).count())
                .as("warnings are the poll lines only:\n%s", during).isEqualTo(failures.size());
    }

    static List<String> pollFailures(String log) {
        return log.lines().filter(l -> l.contains("sink ldap-default poll failed")).toList();
    }
}
