package org.scimbridge.logging;

/**
 * The directory and resource id a request path names: {@code /scim/v2/{directory}/{Users|Groups}/{id}}. Used to
 * log requests that a servlet filter answers before any route reads its path parameters (401, 413, 415, 404).
 */
record ScimPaths(String directory, String resourceId) {

    private static final String PREFIX = "/scim/v2/";

    static ScimPaths of(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return new ScimPaths(null, null);
        }
        String[] segments = path.substring(PREFIX.length()).split("/", -1);
        String directory = segments[0].isEmpty() ? null : segments[0];
        String resourceId = segments.length >= 3 && !segments[2].isEmpty() && !segments[2].equals(".search")
                && (segments[1].equalsIgnoreCase("Users") || segments[1].equalsIgnoreCase("Groups"))
                ? segments[2] : null;
        return new ScimPaths(directory, resourceId);
    }
}
