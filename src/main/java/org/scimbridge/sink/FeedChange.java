package org.scimbridge.sink;

/**
 * One row of {@code scim_change}: a change of one resource of one directory, numbered gaplessly per directory.
 *
 * @param payload the JSON text: {@code {"resource": ..., "membersAdded": [...], "membersRemoved": [...]}}
 */
public record FeedChange(
        String directoryId,
        long seq,
        String resourceType,
        String resourceId,
        String operation,
        long version,
        String payload) {

    public boolean isUser() {
        return "User".equalsIgnoreCase(resourceType);
    }

    public boolean isDelete() {
        return "DELETE".equalsIgnoreCase(operation);
    }

    @Override
    public String toString() {
        return directoryId + "#" + seq + " " + operation + " " + resourceType + " " + resourceId;
    }
}
