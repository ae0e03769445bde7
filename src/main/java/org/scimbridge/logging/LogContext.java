package org.scimbridge.logging;

import java.util.List;
import org.slf4j.MDC;

/**
 * The MDC keys of a SCIM request, shown by the structured log formats (ECS, logstash) as fields of every line
 * logged while the request is served, and by the plain format as {@code [requestId]}.
 */
public final class LogContext {

    public static final String REQUEST_ID = "requestId";
    public static final String DIRECTORY = "directory";
    public static final String OPERATION = "operation";
    public static final String RESOURCE_ID = "resourceId";

    private static final List<String> KEYS = List.of(REQUEST_ID, DIRECTORY, OPERATION, RESOURCE_ID);

    private LogContext() {
    }

    /** Sets {@code key} to {@code value}, or removes it when there is no value. */
    public static void put(String key, String value) {
        if (value == null || value.isEmpty()) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    public static void clear() {
        KEYS.forEach(MDC::remove);
    }
}
