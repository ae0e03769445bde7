package org.scimbridge.sink.jdbc;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.apache.camel.ExchangeException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

/**
 * Sorts JDBC sink failures as {@code LdapErrors} does for LDAP: <b>transient</b> (the database is unreachable,
 * or the statement lost a deadlock or serialization race: SQLState class 08, 40001, 40P01, 57P01) is retried and
 * never parked; anything else (a constraint, a missing table, a value too long) is <b>permanent</b>: retried a few
 * times, then parked.
 */
@Component("jdbcSinkErrors")
public class JdbcSinkErrors {

    public boolean isTransient(@ExchangeException Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof TransientDataAccessException || t instanceof CannotGetJdbcConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("40001") || state.equals("40P01")
                        || state.equals("57P01")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    public boolean isPermanent(@ExchangeException Throwable error) {
        return !isTransient(error);
    }

    /** One line for the parked list: the deepest SQL error with its SQLState. */
    public String describe(Throwable error) {
        Throwable root = error;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            root = t;
        }
        if (root instanceof SQLException sql) {
            return "SQL " + sql.getSQLState() + " " + sql.getClass().getSimpleName() + ": " + sql.getMessage();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
