package org.scimbridge.logging;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scimbridge.web.FilterOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id ({@link RequestIds}), answers it in {@code X-Request-Id}, puts it with the directory
 * and resource id in the MDC, and writes one access line per request on {@code scim-bridge.access}:
 * method, path, status, latency, directory, request id. Never the query string (a filter holds user names, a
 * careless client puts secrets there) and never a header. Outermost filter, so 401, 413 and 415 answered by
 * other filters are logged too; the actuator is left out (a scraper would drown the log).
 */
@Component
@Order(FilterOrder.ACCESS_LOG)
public class AccessLogFilter extends OncePerRequestFilter {

    /** Logger of the access lines: {@code logging.level.scim-bridge.access=warn} turns them off. */
    public static final String LOGGER = "scim-bridge.access";
    /** Request attribute: the request id, for the async and error dispatches of the same request. */
    static final String ID_ATTRIBUTE = AccessLogFilter.class.getName() + ".id";
    /** Request attribute a route may set: the SCIM operation (its route id), added to the access line. */
    public static final String OPERATION_ATTRIBUTE = AccessLogFilter.class.getName() + ".operation";

    private static final Logger ACCESS = LoggerFactory.getLogger(LOGGER);

    private final RequestMetrics metrics;

    public AccessLogFilter(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator");
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;   // the MDC is wanted on the async dispatch too
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;   // and on /error, where Spring renders what a filter or the container refused
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = (String) request.getAttribute(ID_ATTRIBUTE);
        boolean first = id == null && request.getDispatcherType() == DispatcherType.REQUEST;
        if (id == null) {
            id = RequestIds.resolve(request.getHeader(RequestIds.HEADER), request.getHeader(RequestIds.TRACEPARENT));
            request.setAttribute(ID_ATTRIBUTE, id);
            response.setHeader(RequestIds.HEADER, id);
        }
        ScimPaths path = ScimPaths.of(request.getRequestURI());
        LogContext.put(LogContext.REQUEST_ID, id);
        LogContext.put(LogContext.DIRECTORY, path.directory());
        LogContext.put(LogContext.RESOURCE_ID, path.resourceId());
        long started = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(new WithRequestId(request, id), response);
            failed = false;
        } finally {
            if (first) {
                logWhenDone(request, response, path, id, started, failed);
            }
            LogContext.clear();
        }
    }

    private void logWhenDone(HttpServletRequest request, HttpServletResponse response, ScimPaths path, String id,
                             long started, boolean failed) {
        if (!request.isAsyncStarted()) {
            log(request, failed ? 500 : response.getStatus(), path, id, started);
            return;
        }
        AtomicBoolean logged = new AtomicBoolean();
        request.getAsyncContext().addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                once(response.getStatus());
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                once(503);
            }

            @Override
            public void onError(AsyncEvent event) {
                once(500);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                event.getAsyncContext().addListener(this);
            }

            private void once(int status) {
                if (logged.compareAndSet(false, true)) {
                    log(request, status, path, id, started);
                }
            }
        });
    }

    private void log(HttpServletRequest request, int status, ScimPaths path, String id, long started) {
        long nanos = System.nanoTime() - started;
        Object operation = request.getAttribute(OPERATION_ATTRIBUTE);
        metrics.record(path.directory(), operation, request.getMethod(), status, nanos);
        // The async listener runs on a container thread without the request's MDC: the line gets its own. The
        // structured formats show the MDC as fields, so only the HTTP facts are added as key-value pairs.
        LogContext.put(LogContext.REQUEST_ID, id);
        LogContext.put(LogContext.DIRECTORY, path.directory());
        LogContext.put(LogContext.RESOURCE_ID, path.resourceId());
        LogContext.put(LogContext.OPERATION, operation == null ? null : operation.toString());
        try {
            ACCESS.atInfo()
                    .addKeyValue("http.request.method", request.getMethod())
                    .addKeyValue("url.path", request.getRequestURI())
                    .addKeyValue("http.response.status_code", status)
                    .addKeyValue("event.duration", nanos)
                    .log("{} {} {} {} ms directory={} operation={} requestId={}", request.getMethod(),
                            request.getRequestURI(), status, TimeUnit.NANOSECONDS.toMillis(nanos),
                            path.directory() == null ? "-" : path.directory(), operation == null ? "-" : operation, id);
        } finally {
            LogContext.clear();
        }
    }

    /** The request as the routes see it: {@code X-Request-Id} is the resolved id, whatever the client sent. */
    private static final class WithRequestId extends HttpServletRequestWrapper {
        private final String id;

        WithRequestId(HttpServletRequest request, String id) {
            super(request);
            this.id = id;
        }

        @Override
        public String getHeader(String name) {
            return RequestIds.HEADER.equalsIgnoreCase(name) ? id : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return RequestIds.HEADER.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(id))
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            java.util.List<String> names = Collections.list(super.getHeaderNames());
            if (names.stream().noneMatch(RequestIds.HEADER::equalsIgnoreCase)) {
                names.add(RequestIds.HEADER);
            }
            return Collections.enumeration(names);
        }
    }
}
