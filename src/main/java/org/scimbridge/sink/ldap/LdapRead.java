package org.scimbridge.sink.ldap;

/**
 * One search the planner needs before it can plan a change: run by camel-ldap ({@code ldap:} endpoint) with
 * {@code base} on the endpoint and {@code filter} as the body.
 *
 * @param key    what the results are for ({@link #SELF}, {@link #REFS}, or {@code group:<id>})
 */
public record LdapRead(String key, String base, String filter) {

    /** The entry of the changed resource, under any of the DNs it may have now. */
    public static final String SELF = "self";
    /** Groups whose members name the changed resource under any of its possible DNs. */
    public static final String REFS = "refs";

    public static String group(String id) {
        return "group:" + id;
    }
}
