package org.scimbridge.sink;

import java.time.OffsetDateTime;

/** A change a sink gave up on, with why. {@code blockedBy} is set when it waits for an earlier parked change. */
public record ParkedChange(
        String sink,
        String directoryId,
        long seq,
        String resourceType,
        String resourceId,
        String operation,
        int attempts,
        String error,
        Long blockedBy,
        OffsetDateTime parkedAt,
        OffsetDateTime lastAttemptAt) {
}
