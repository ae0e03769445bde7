package org.scimbridge.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimbridge.web.ScimErrors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every statement through the store's data source ends by its timeout or its request's deadline, whichever comes
 * first, and is then no longer running in the database: the H2 session shows no executing statement.
 */
class StatementTimeoutDataSourceTest {

    /** Counts to a billion: many seconds of work for H2, and nothing else. */
    private static final String SLOW = "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t "
            + "WHERE n < 1000000000) SELECT COUNT(*) FROM t";

    JdbcDataSource h2;
    StatementTimeoutDataSource bounded;

    @BeforeEach
    void dataSource() {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:timeouts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        bounded = new StatementTimeoutDataSource(h2, Duration.ofSeconds(1));
    }

    @AfterEach
    void noBudgetLeftOnThisThread() {
        RequestBudget.end();
    }

    @Test
    void aStatementRunningPastTheStatementTimeoutIsCancelledAndAnswered503() throws Exception {
        long start = System.nanoTime();
        Throwable failure = catchFailure(() -> new JdbcTemplate(bounded).queryForObject(SLOW, Long.class));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isBetween(900L, 6_000L);
        assertThat(ScimErrors.toScim(failure).status()).isEqualTo(503);
        assertThat(executingStatements()).isZero();
    }

    @Test
    void theRequestDeadlineBoundsAStatementShorterThanTheStatementTimeout() throws Exception {
        StatementTimeoutDataSource generous = new StatementTimeoutDataSource(h2, Duration.ofSeconds(30));
        RequestBudget.begin(1_000);
        long start = System.nanoTime();
        Throwable failure = catchFailure(() -> new JdbcTemplate(generous).queryForObject(SLOW, Long.class));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(6_000L);
        assertThat(ScimErrors.toScim(failure).status()).isEqualTo(503);
        assertThat(executingStatements()).isZero();
    }

    @Test
    void noStatementStartsOnceTheRequestBudgetIsSpent() throws Exception {
        RequestBudget.begin(0);
        try (Connection connection = bounded.getConnection()) {
            assertThatThrownBy(connection::createStatement).isInstanceOf(SQLTimeoutException.class);
            assertThatThrownBy(() -> connection.prepareStatement("SELECT 1")).isInstanceOf(SQLTimeoutException.class);
        }
        RequestBudget.end();
        try (Connection connection = bounded.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(statement.getQueryTimeout()).isEqualTo(1);
        }
    }

    @Test
    void theConnectionIsStillTheDriversUnderneath() throws Exception {
        try (Connection connection = bounded.getConnection()) {
            assertThat(connection.isWrapperFor(org.h2.jdbc.JdbcConnection.class)).isTrue();
            assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class)).isNotNull();
        }
    }

    private int executingStatements() throws Exception {
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS "
                     + "WHERE SESSION_ID <> SESSION_ID() AND EXECUTING_STATEMENT IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the statement was not cut short");
    }
}
