package org.scimbridge.sink.ldap;

/** A write to a target in shadow mode ({@code shadow: true}), which takes none. */
public class ShadowModeException extends IllegalStateException {

    public ShadowModeException(String sink) {
        super("sink " + sink + " is in shadow mode (shadow: true): it writes nothing to its target; restart with"
                + " shadow: false to apply what is pending");
    }
}
