package org.scimbridge.feed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.scim.error.ScimErrorRenderer;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.security.ConditionalOnAdminToken;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/directories/{dir}/changes?resourceId=&operation=&since=&startIndex=&count=}: the audit view of a
 * directory's change feed, oldest first, as a SCIM ListResponse (1-based {@code startIndex}, {@code count} capped
 * by {@code scim-bridge.max-page-size}). It shows what the feed still holds, so changes within
 * {@code scim-bridge.feed.retention} (and older ones a sink still needs). Without payloads: the resource itself is
 * on the SCIM API.
 */
@ConditionalOnAdminToken
@RestController
public class FeedAuditController {

    private static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json");
    private static final List<String> OPERATIONS = List.of("CREATE", "UPDATE", "DELETE");

    private final FeedRetentionStore store;
    private final BridgeProperties bridge;

    public FeedAuditController(FeedRetentionStore store, BridgeProperties bridge) {
        this.store = store;
        this.bridge = bridge;
    }

    @GetMapping("/admin/directories/{directory}/changes")
    public ResponseEntity<?> changes(@PathVariable String directory,
                                     @RequestParam(required = false) String resourceId,
                                     @RequestParam(required = false) String operation,
                                     @RequestParam(required = false) String since,
                                     @RequestParam(required = false) String startIndex,
                                     @RequestParam(required = false) String count) {
        try {
            if (!bridge.directories().containsKey(directory)) {
                throw ScimException.notFound("No directory " + directory);
            }
            int start = Math.max(1, integer("startIndex", startIndex, 1));
            int size = Math.min(Math.max(0, integer("count", count, bridge.defaultPageSize())), bridge.maxPageSize());
            FeedRetentionStore.AuditPage page = store.audit(directory, blankToNull(resourceId),
                    operation(operation), instant(since), start - 1, size);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse"));
            body.put("totalResults", page.totalResults());
            body.put("startIndex", start);
            body.put("itemsPerPage", page.changes().size());
            body.put("Resources", page.changes());
            return ResponseEntity.ok().contentType(SCIM_JSON).body(body);
        } catch (ScimException e) {
            return ResponseEntity.status(e.status()).contentType(SCIM_JSON).body(ScimErrorRenderer.body(e));
        }
    }

    private static int integer(String name, String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " must be an integer");
        }
    }

    private static String operation(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String op = value.trim().toUpperCase(Locale.ROOT);
        if (!OPERATIONS.contains(op)) {
            throw ScimException.invalidValue("operation must be one of " + OPERATIONS);
        }
        return op;
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ScimException.invalidValue("since must be an ISO 8601 date-time with offset, e.g. "
                    + "2026-12-01T00:00:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
