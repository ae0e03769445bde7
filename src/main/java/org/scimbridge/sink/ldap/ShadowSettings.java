package org.scimbridge.sink.ldap;

/**
 * The shadow keys of an LDAP sink ({@code scim-bridge.sinks.<name>.*}).
 *
 * @param shadow             true: compute and record every write, send none (default false)
 * @param shadowFile         the LDIF file the records are appended to (default {@code ./data/shadow/<sink>.ldif})
 * @param shadowFileMaxBytes once the file is larger, it is renamed to {@code <file>.1} (replacing the one before)
 *                           and a new one started (default 64 MiB): at most twice this on disk
 * @param shadowMaxRows      rows kept in {@code sink_ldap_shadow} per sink, the oldest dropped (default 10000)
 */
public record ShadowSettings(boolean shadow, String shadowFile, Long shadowFileMaxBytes, Integer shadowMaxRows) {

    public ShadowSettings {
        shadowFileMaxBytes = shadowFileMaxBytes == null ? 64L * 1024 * 1024 : shadowFileMaxBytes;
        shadowMaxRows = shadowMaxRows == null ? 10_000 : shadowMaxRows;
        if (shadowMaxRows < 1 || shadowFileMaxBytes < 1024) {
            throw new IllegalArgumentException("shadow-max-rows must be at least 1 and shadow-file-max-bytes at"
                    + " least 1024");
        }
    }

    String file(String sink) {
        return shadowFile == null || shadowFile.isBlank() ? "./data/shadow/" + sink + ".ldif" : shadowFile;
    }
}
