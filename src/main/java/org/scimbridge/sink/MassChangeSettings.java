package org.scimbridge.sink;

/**
 * {@code scim-bridge.sinks.<name>.mass-change.*}: when the changes queued for a sink would delete or disable more
 * than {@code max(max-count, max-percent % of the target's entries)} within the next {@code window} changes of a
 * directory, the stream holds them until an operator releases or discards them on the admin endpoint.
 *
 * @param enabled    on for LDAP sinks, off for the other types (whose entries the bridge does not count)
 * @param maxCount   deletes and disables allowed in a window whatever the target's size (500)
 * @param maxPercent ... or this share of the entries the sink wrote (10): the larger of the two is the limit
 * @param window     how many queued changes of a directory are looked at (10,000)
 */
public record MassChangeSettings(Boolean enabled, Integer maxCount, Integer maxPercent, Integer window) {

    public MassChangeSettings {
        maxCount = maxCount == null ? 500 : maxCount;
        maxPercent = maxPercent == null ? 10 : maxPercent;
        window = window == null ? 10_000 : window;
        if (maxCount < 0 || maxPercent < 0 || window < 1) {
            throw new IllegalArgumentException("mass-change: max-count and max-percent must be >= 0, window >= 1");
        }
    }

    /** The most deletes and disables allowed in one window, for a target holding {@code entries} entries. */
    public long limit(long entries) {
        return Math.max(maxCount, (entries * maxPercent + 99) / 100);
    }
}
