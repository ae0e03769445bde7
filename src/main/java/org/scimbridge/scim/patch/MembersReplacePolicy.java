package org.scimbridge.scim.patch;

/**
 * What PATCH {@code replace members} means for a directory ({@code scim-bridge.directories.<id>.members-replace}):
 * part of the PATCH semantics, so it lives with the PATCH engine, which must not depend on configuration.
 */
public enum MembersReplacePolicy {
    /** {@code replace members [x]} adds x: Entra has been seen sending one replace per added member. */
    ENTRA,
    /** {@code replace members [x]} makes x the only member, as RFC 7644 §3.5.2.3 says. */
    RFC
}
