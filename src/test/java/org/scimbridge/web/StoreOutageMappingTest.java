package org.scimbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.scim.error.ScimErrorRenderer;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.testsupport.ExpectedLog;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Issue 11.1: a database outage answered 500; it is 503 (with Retry-After, written by whoever renders it) so Entra
 * retries. Each failure is wrapped the way it reaches the renderer, in Camel's and Spring's exceptions.
 */
class StoreOutageMappingTest {

    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(ScimErrorRenderer.class).expect("^Unexpected error, reference ");

    @Test
    void thePoolTimingOutOnAnUnreachableDatabaseIs503() {
        SQLTransientConnectionException hikari = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 30000ms.", "08001");
        assertThat(ScimErrors.toScim(new RuntimeCamelException(hikari)).status()).isEqualTo(503);
    }

    @Test
    void aConnectionLostMidStatementIs503() {
        SQLException postgres = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(ScimErrors.toScim(new RuntimeCamelException(postgres)).status()).isEqualTo(503);
        assertThat(ScimErrors.toScim(new SQLNonTransientConnectionException("closed", "08003")).status())
                .isEqualTo(503);
    }

    @Test
    void springsConnectionFailuresAre503() {
        SQLException refused = new SQLException("Connection refused", "08001");
        assertThat(ScimErrors.toScim(new CannotGetJdbcConnectionException("no connection", refused)).status())
                .isEqualTo(503);
        assertThat(ScimErrors.toScim(new CannotCreateTransactionException("no connection", refused)).status())
                .isEqualTo(503);
    }

    @Test
    void h2sRowNotFoundInPrimaryIndexUnderConcurrentWritesIs503() {
        SQLException h2 = new SQLException("Row \"2\" not found in primary index \"PUBLIC.SCIM_RESOURCE\"", "90143",
                ScimErrors.H2_ROW_NOT_FOUND_IN_PRIMARY_INDEX);
        assertThat(ScimErrors.toScim(new RuntimeCamelException(h2)).status()).isEqualTo(503);
    }

    @Test
    void aConstraintViolationOrABugStays500() {
        ScimException syntax = ScimErrors.toScim(new SQLException("syntax error", "42601"));
        ScimException bug = ScimErrors.toScim(new IllegalStateException("bug"));
        assertThat(syntax.status()).isEqualTo(500);
        assertThat(bug.status()).isEqualTo(500);
        // the operator finds the stack trace by the reference the client was answered with
        assertThat(log.warnings()).hasSize(2);
        assertThat(log.warnings().get(0)).isEqualTo("Unexpected error, reference " + reference(syntax));
        assertThat(log.warnings().get(1)).isEqualTo("Unexpected error, reference " + reference(bug));
        assertThat(ScimErrorRenderer.body(bug)).contains("Internal error, reference " + reference(bug))
                .doesNotContain("bug\"").doesNotContain("IllegalStateException");
    }

    private static String reference(ScimException e) {
        assertThat(e.detail()).matches("Internal error, reference [0-9a-f-]{36}");
        return e.detail().substring("Internal error, reference ".length());
    }
}
