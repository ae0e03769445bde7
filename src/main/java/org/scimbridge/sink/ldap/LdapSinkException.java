package org.scimbridge.sink.ldap;

/** A change the LDAP sink cannot apply because of its data (retried, then parked with this message). */
public class LdapSinkException extends RuntimeException {

    public enum Kind { UNRESOLVED_MEMBER, INVALID_DATA }

    private final Kind kind;

    public LdapSinkException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
