package org.scimbridge.sink.ldap;

import org.scimbridge.sink.Failures;
import org.scimbridge.sink.SinkType;
import org.springframework.core.NestedExceptionUtils;

/**
 * Sorts LDAP sink failures by Spring LDAP's exception types (which translate JNDI's, one per result-code family):
 * <b>unreachable</b>, retried and never parked: {@link org.springframework.ldap.CommunicationException} (connect
 * refused, connection dropped, read timeout), {@link org.springframework.ldap.ServiceUnavailableException} (busy
 * 51, unavailable 52), their JNDI originals, and whatever {@link Failures} calls unreachable (the network, the
 * store of record's connection); anything else, a <b>refusal</b> ({@code SchemaViolationException},
 * {@code NameAlreadyBoundException}, {@code InvalidAttributeValueException}, {@code NoPermissionException}, a
 * change whose data cannot be written, {@link LdapSinkException}), is retried a few times and then parked.
 */
final class LdapFailures {

    private LdapFailures() {
    }

    static SinkType.Failure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LdapSinkException) {
                return SinkType.Failure.REFUSED;
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
