package org.scimbridge.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.SQLException;
import org.scimbridge.scim.error.ScimErrorRenderer;
import org.scimbridge.scim.error.ScimException;
import org.springframework.dao.QueryTimeoutException;
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

    private ScimErrors() {
    }

    public static ScimException toScim(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ScimException || t instanceof JsonProcessingException) {
                break;
            }
            if (isQueryTimeout(t)) {
                return ScimException.serviceUnavailable("The request did not finish within its time budget; retry later");
            }
        }
        return ScimErrorRenderer.toScim(error);
    }

    private static boolean isQueryTimeout(Throwable t) {
        return t instanceof QueryTimeoutException
                || t instanceof SQLException sql && SQL_ERRORS.translate("", null, sql) instanceof QueryTimeoutException;
    }
}
