package org.scimbridge.sink.ldap;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.ExchangeException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

/**
 * Sorts sink failures in two: <b>transient</b> (the target or the database is unreachable, busy or timing out:
 * retried with back-off without end, never parked, since an outage would otherwise park every change) and
 * <b>permanent</b> (the change itself is refused: retried a few times, then parked). Also names LDAP result
 * codes in words for the parked error text.
 */
@Component("ldapErrors")
public class LdapErrors {

    private static final Pattern CODE = Pattern.compile("error code (\\d+)");

    /** LDAP result codes that mean "try again later" (busy 51, unavailable 52, unwillingToPerform 53 is not). */
    private static final java.util.Set<Integer> TRANSIENT_CODES = java.util.Set.of(51, 52, 80, 81, 85, 91);

    public boolean isTransient(@ExchangeException Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof javax.naming.CommunicationException
                    || t instanceof javax.naming.ServiceUnavailableException
                    || t instanceof org.springframework.ldap.CommunicationException
                    || t instanceof org.springframework.ldap.ServiceUnavailableException
                    || t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof SocketException
                    || t instanceof TransientDataAccessException
                    || t instanceof CannotGetJdbcConnectionException) {
                return true;
            }
            Integer code = code(t);
            if (code != null && TRANSIENT_CODES.contains(code)) {
                return true;
            }
            String msg = t.getMessage();
            if (msg != null && (msg.contains("timed out") || msg.contains("Connection refused")
                    || msg.contains("connection closed"))) {
                return true;
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

    /** A one-line reason for the parked list: {@code LDAP 65 objectClassViolation: ...}. */
    public String describe(Throwable error) {
        Throwable root = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (code(t) != null || t instanceof LdapSinkException) {
                root = t;
                break;
            }
            root = t;
            if (t.getCause() == t) {
                break;
            }
        }
        if (root instanceof LdapSinkException s) {
            return s.kind().name().toLowerCase().replace('_', ' ') + ": " + s.getMessage();
        }
        Integer code = code(root);
        String msg = String.valueOf(root.getMessage());
        return code == null ? root.getClass().getSimpleName() + ": " + msg
                : "LDAP " + code + " " + name(code) + ": " + msg;
    }

    static Integer code(Throwable t) {
        if (t.getMessage() == null) {
            return null;
        }
        Matcher m = CODE.matcher(t.getMessage());
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    static String name(int code) {
        return switch (code) {
            case 16 -> "noSuchAttribute";
            case 17 -> "undefinedAttributeType";
            case 19 -> "constraintViolation";
            case 20 -> "attributeOrValueExists";
            case 21 -> "invalidAttributeSyntax";
            case 32 -> "noSuchObject";
            case 34 -> "invalidDNSyntax";
            case 49 -> "invalidCredentials";
            case 50 -> "insufficientAccessRights";
            case 51 -> "busy";
            case 52 -> "unavailable";
            case 53 -> "unwillingToPerform";
            case 64 -> "namingViolation";
            case 65 -> "objectClassViolation";
            case 66 -> "notAllowedOnNonLeaf";
            case 67 -> "notAllowedOnRDN";
            case 68 -> "entryAlreadyExists";
            case 69 -> "objectClassModsProhibited";
            default -> "resultCode" + code;
        };
    }
}
