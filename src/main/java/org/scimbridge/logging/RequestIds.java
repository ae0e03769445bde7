package org.scimbridge.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scimbridge.ids.RandomIds;

/**
 * The id a request is logged under and answered with ({@code X-Request-Id}): the caller's {@code X-Request-Id}
 * when it is a plain token, else the trace id of a W3C {@code traceparent}, else a new UUID. Anything else a
 * client sends is not taken, so a request id can never forge or break a log line.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String TRACEPARENT = "traceparent";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    /** version-traceid-parentid-flags (W3C Trace Context §3.2); an all-zero trace id is invalid. */
    private static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}.*");

    private RequestIds() {
    }

    public static String resolve(String requestId, String traceparent) {
        if (requestId != null && PLAIN.matcher(requestId.strip()).matches()) {
            return requestId.strip();
        }
        if (traceparent != null) {
            Matcher m = TRACEPARENT_FORMAT.matcher(traceparent.strip());
            if (m.matches() && !m.group(1).chars().allMatch(c -> c == '0')) {
                return m.group(1);
            }
        }
        return RandomIds.string();
    }
}
