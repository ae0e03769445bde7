package org.scimbridge.sink.ldap;

import org.scimbridge.sink.Failures;
import org.scimbridge.sink.SinkType;
import org.springframework.core.NestedExceptionUtils;

/**
 * Sorts LDAP sink failures by Spring LDAP's exception types (which translate JNDI's, one per result-code family):
 * <b>unreachable</b>, retried and never parked: {@link org.springframework.ldap.CommunicationException} (connect
 * refused, connection dropped, read timeout), {@link org.springframework.ldap.ServiceUnavailableException} (busy
 * 51, unavailable 52), their JNDI originals, and whatever {@link Failures} calls unreachable (the network, the
 * store of record's connection); anything else, a <b>refusal</b> ({@code NameAlreadyBoundException},
 * {@code NoPermissionException}), is retried a few times and then parked; a <b>rejection</b> of the data itself ({@code SchemaViolationException},
 * {@code InvalidAttributeValueException}, an {@link LdapSinkException} of invalid data) is parked at once.
 */
final class LdapFailures {

    private LdapFailures() {
    }

    static SinkType.Failure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LdapSinkException s) {
                return s.kind() == LdapSinkException.Kind.INVALID_DATA ? SinkType.Failure.REJECTED
                        : SinkType.Failure.REFUSED;
            }
            if (rejected(t)) {
                return SinkType.Failure.REJECTED;
            }
            if (t instanceof org.springframework.ldap.CommunicationException
                    || t instanceof org.springframework.ldap.ServiceUnavailableException
                    || t instanceof javax.naming.CommunicationException
                    || t instanceof javax.naming.ServiceUnavailableException) {
                return SinkType.Failure.UNREACHABLE;
            }
        }
        return Failures.classify(error);
    }

    /**
     * The server refused the entry's data itself (result codes 17-21 and 64-69: undefined attribute, invalid
     * syntax, naming and object-class violations): sending it again gets the same answer.
     */
    static boolean rejected(Throwable t) {
        return t instanceof org.springframework.ldap.SchemaViolationException
                || t instanceof org.springframework.ldap.InvalidAttributeValueException
                || t instanceof org.springframework.ldap.InvalidAttributesException
                || t instanceof org.springframework.ldap.InvalidAttributeIdentifierException
                || t instanceof org.springframework.ldap.InvalidNameException
                || t instanceof javax.naming.directory.SchemaViolationException
                || t instanceof javax.naming.directory.InvalidAttributeValueException
                || t instanceof javax.naming.directory.InvalidAttributesException
                || t instanceof javax.naming.directory.InvalidAttributeIdentifierException;
    }

    /**
     * One line for the parked list: {@code unresolved member: ...} for the sink's own refusals, else the LDAP
     * exception's type and the server's text ({@code SchemaViolationException: [LDAP: error code 65 - ...]}).
     */
    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LdapSinkException s) {
                return s.kind().name().toLowerCase().replace('_', ' ') + ": " + s.getMessage();
            }
            if (t instanceof org.springframework.ldap.NamingException n) {
                Throwable jndi = NestedExceptionUtils.getMostSpecificCause(n);
                return n.getClass().getSimpleName() + ": " + String.valueOf(jndi.getMessage()).replaceAll("\\s+", " ");
            }
        }
        return Failures.describe(error);
    }
}
