package org.scimbridge.web;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.Ordered;

/**
 * The order of the servlet filters in front of the routes. Nothing reads a request body before Spring Security
 * (at {@link SecurityProperties#DEFAULT_FILTER_ORDER}) has checked the bearer token: an unauthenticated client
 * gets its 401 without being waited for, however slowly it sends.
 */
public final class FilterOrder {

    /** Request id, log context and the access line: outermost, so it times and logs every answer below it. */
    public static final int ACCESS_LOG = Ordered.HIGHEST_PRECEDENCE;
    /** Only allow-listed header names reach the response (ResponseHeaderAllowList), whoever sets them below. */
    public static final int RESPONSE_HEADERS = Ordered.HIGHEST_PRECEDENCE + 1;
    /** Rewrites {@code /scim/.../Users/} to {@code /Users}, so that the rules and the routes see one path. */
    public static final int TRAILING_SLASH = Ordered.HIGHEST_PRECEDENCE + 2;
    /** 503 until the SCIM routes run. */
    public static final int ROUTES_STARTED = SecurityProperties.DEFAULT_FILTER_ORDER + 10;
    /** The directory's bulkhead permit, held until the response is complete. */
    public static final int DIRECTORY_BULKHEAD = SecurityProperties.DEFAULT_FILTER_ORDER + 20;
    /** 415 before a body is read. */
    public static final int CONTENT_TYPE = SecurityProperties.DEFAULT_FILTER_ORDER + 30;
    /** Reads the body, bounded in size (413), time and rate (408). */
    public static final int REQUEST_BODY = SecurityProperties.DEFAULT_FILTER_ORDER + 40;

    private FilterOrder() {
    }
}
