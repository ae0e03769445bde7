package org.scimbridge.sink;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * The failure classification every sink type starts from, by the libraries' exception types: the network
 * ({@link ConnectException}, {@link SocketTimeoutException}, ...), Spring's translated data access exceptions
 * ({@link TransientDataAccessException}, {@link DataAccessResourceFailureException}: no connection), and HTTP
 * answers ({@link HttpOperationFailedException}: 5xx, 408, 425 and 429 mean try later). Anything else is a
 * refusal: retried a few times, then parked, so a poison change never stalls the stream; a sink route refuses
 * explicitly with {@link ChangeRefusedException}.
 */
public final class Failures {

    private static final Set<Integer> RETRY_LATER = Set.of(408, 425, 429);

    private Failures() {
    }

    /** The classification of the generic {@code route} type, and the fallback of the others. */
    public static SinkType.Failure classify(Throwable error) {
        return unreachable(error) ? SinkType.Failure.UNREACHABLE : SinkType.Failure.REFUSED;
    }

    /** Whether any exception in the chain says the target could not be reached. */
    public static boolean unreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ChangeRefusedException) {
                return false;
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof HttpTimeoutException
                    || t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException) {
                return true;
            }
            if (t instanceof HttpOperationFailedException http) {
                int status = http.getStatusCode();
                return status >= 500 || RETRY_LATER.contains(status);
            }
        }
        return false;
    }

    /** {@code SimpleClassName: message} of the most specific cause, on one line, at most 500 characters. */
    public static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        Throwable t = NestedExceptionUtils.getMostSpecificCause(error);
        for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ChangeRefusedException || c instanceof HttpOperationFailedException) {
                t = c;
                break;
            }
        }
        String message = t instanceof HttpOperationFailedException http
                ? "HTTP " + http.getStatusCode() + " " + String.valueOf(http.getStatusText()) + " from "
                        + http.getUri() + body(http)
                : String.valueOf(t.getMessage());
        String line = (t.getClass().getSimpleName() + ": " + message).replaceAll("\\s+", " ");
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }

    private static String body(HttpOperationFailedException http) {
        String body = http.getResponseBody();
        return body == null || body.isBlank() ? "" : ": " + body;
    }
}
