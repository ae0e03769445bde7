package org.scimbridge.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.scimbridge.scim.error.ScimErrorRenderer;
import org.scimbridge.scim.error.ScimException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * What a failure is answered as, for the routes and the error controller: the SCIM core's own mapping
 * ({@link ScimErrorRenderer#toScim}) plus what only the infrastructure knows, such as a statement cancelled by its
 * time budget (503, retry later). Kept out of {@code scim.error}, which stays free of Spring (LayeringTest).
 */
public final class ScimErrors {

    /** Spring's reading of SQL errors (SQLTimeoutException, SQLState 57014 and the rest), for camel-jdbc's raw ones. */
    private static final SQLExceptionTranslator SQL_ERRORS = new SQLExceptionSubclassTranslator();

    /** H2's ErrorCode.ROW_NOT_FOUND_IN_PRIMARY_INDEX (90143), "Row not found in primary index". */
    static final int H2_ROW_NOT_FOUND_IN_PRIMARY_INDEX = 90143;

    private static final Logger LOG = LoggerFactory.getLogger(ScimErrors.class);

    private ScimErrors() {
    }

    public static ScimException toScim(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ScimException || t instanceof JsonProcessingException) {
                break;
            }
            if (t instanceof OutOfMemoryError) {
                // the request is abandoned and its transaction rolled back (Spring rolls back on an Error too);
                // another one may well fit once this one's garbage is gone
                LOG.error("Out of memory while serving a request; answered 503: {}", t.getMessage());
                return ScimException.serviceUnavailable("The bridge is short of memory; retry later");
            }
            if (isQueryTimeout(t)) {
                return ScimException.serviceUnavailable("The request did not finish within its time budget; retry later");
            }
            if (isStoreUnavailable(t)) {
                return ScimException.serviceUnavailable("The store is unavailable; retry later");
            }
        }
        return ScimErrorRenderer.toScim(error);
    }

    private static boolean isQueryTimeout(Throwable t) {
        return t instanceof QueryTimeoutException
                || t instanceof SQLException sql && SQL_ERRORS.translate("", null, sql) instanceof QueryTimeoutException;
    }

    /**
     * The database cannot be reached or lost the connection (the pool's timeout, SQLState class 08, Spring's
     * {@link CannotGetJdbcConnectionException}), or H2 lost a race between a secondary index and its row under
     * concurrent writes: all pass if the client retries, so they are 503 with Retry-After, not 500.
     */
    private static boolean isStoreUnavailable(Throwable t) {
        if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (!(t instanceof SQLException sql)) {
            return false;
        }
        if (sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            return true;
        }
        return sql.getErrorCode() == H2_ROW_NOT_FOUND_IN_PRIMARY_INDEX && "90143".equals(sql.getSQLState())
                || SQL_ERRORS.translate("", null, sql) instanceof TransientDataAccessResourceException;
    }
}
