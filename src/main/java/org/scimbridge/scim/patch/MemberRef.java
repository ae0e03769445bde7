package org.scimbridge.scim.patch;

import java.util.Objects;

/**
 * A group member as a PATCH or POST names it.
 *
 * @param value the member's id in this bridge
 * @param type  {@code "User"} or {@code "Group"} when the client sent one, else null
 */
public record MemberRef(String value, String type) {

    public MemberRef {
        Objects.requireNonNull(value, "value");
    }
}
