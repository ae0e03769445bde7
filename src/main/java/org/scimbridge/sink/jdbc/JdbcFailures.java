package org.scimbridge.sink.jdbc;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.scimbridge.sink.Failures;
import org.scimbridge.sink.SinkType;
import org.springframework.core.NestedExceptionUtils;

/**
 * Sorts JDBC sink failures by type: camel-sql runs statements through Spring's JdbcTemplate, which translates
 * them into {@link org.springframework.dao.DataAccessException}s. <b>Unreachable</b> (retried, never parked):
 * the translated transient and resource-failure exceptions ({@link Failures}: no connection, a lost deadlock or
 * serialization race, a timeout) and the driver's own {@link SQLTransientException} and
 * {@link SQLRecoverableException}; anything else (a constraint, a missing table, a value too long) is a
 * <b>refusal</b>: retried a few times, then parked.
 */
final class JdbcFailures {

    private JdbcFailures() {
    }

    static SinkType.Failure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return SinkType.Failure.UNREACHABLE;
            }
        }
        return Failures.classify(error);
    }

    /** One line for the parked list: the deepest SQL error with its SQLState. */
    static String describe(Throwable error) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(error);
        if (root instanceof SQLException sql) {
            return "SQL " + sql.getSQLState() + " " + sql.getClass().getSimpleName() + ": " + sql.getMessage();
        }
        return Failures.describe(error);
    }
}
